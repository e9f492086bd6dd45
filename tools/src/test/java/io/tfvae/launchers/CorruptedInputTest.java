package io.tfvae.launchers;

import static io.tfvae.launchers.Launchers.digests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.data.ImageSet;
import io.tfvae.launchers.Launchers.Run;
import io.tfvae.testing.IdxFiles;
import io.tfvae.testing.MatFiles;
import io.tfvae.testing.NpyFiles;
import io.tfvae.testing.SharedData;
import io.tfvae.testing.TinyData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of file the launchers read, truncated, bit-flipped, emptied and replaced by a file of
 * another kind, through the real launcher scripts. Each must end with a non-zero exit and one line
 * on stderr that names the file, carries no Java exception class and no TensorFlow log line, and
 * leaves every file of the user's as it was.
 */
class CorruptedInputTest {
  private static final String DEFINITION =
      "name: 'tiny'\n"
          + "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }\n"
          + "training { batch_size: 10 steps: 20 seed: 3 threads: 1 checkpoint_every: 10 }\n"
          + "data { validation_images: 0 }\n";

  @TempDir static Path pristine;

  /** How a file is spoiled. */
  enum Corruption {
    TRUNCATED,
    BIT_FLIPPED,
    EMPTY,
    WRONG_KIND,
    NOT_UTF8
  }

  /** Kinds of input: the file (relative to the case folder) and the command that reads it. */
  enum Input {
    DEFINITION("def.pbtxt", Format.TEXT, Command.TRAIN),
    IDX_TRAIN_IMAGES("mnist/train-images-idx3-ubyte.gz", Format.GZIP, Command.TRAIN),
    IDX_TRAIN_LABELS("mnist/train-labels-idx1-ubyte.gz", Format.GZIP, Command.TRAIN),
    IDX_TEST_IMAGES("mnist/t10k-images-idx3-ubyte.gz", Format.GZIP, Command.EVAL),
    IDX_TEST_LABELS("mnist/t10k-labels-idx1-ubyte.gz", Format.GZIP, Command.EVAL),
    AMAT("bmnist/binarized_mnist_train.amat.gz", Format.GZIP, Command.TRAIN_BINARIZED),
    MAT("svhn/train_32x32.mat", Format.MAT, Command.TRAIN_SVHN),
    SAVED_MODEL_PB("model/saved_model.pb", Format.BINARY, Command.EVAL),
    SAVED_MODEL_INDEX("model/variables/variables.index", Format.BINARY, Command.EVAL),
    SAVED_MODEL_DATA("model/variables/variables.data-00000-of-00001", Format.BINARY, Command.EVAL),
    MANIFEST("model/assets.extra/tfvae.json", Format.JSON, Command.EVAL),
    CHECKPOINT_STATE("ckpt/ckpt-000000020/state.json", Format.JSON, Command.RESUME),
    CHECKPOINT_INDEX("ckpt/ckpt-000000020/variables.index", Format.BINARY, Command.RESUME),
    CHECKPOINT_DATA(
        "ckpt/ckpt-000000020/variables.data-00000-of-00001", Format.BINARY, Command.RESUME),
    CLUSTER_SPEC("cluster.json", Format.JSON, Command.CLUSTER),
    NPY("scoreme.npy", Format.NPY, Command.SCORE);

    final String file;
    final Format format;
    final Command command;

    Input(String file, Format format, Command command) {
      this.file = file;
      this.format = format;
      this.command = command;
    }
  }

  /** How a format is read, which says which single bit flip it must notice. */
  enum Format {
    TEXT,
    JSON,
    GZIP,
    MAT,
    NPY,
    BINARY
  }

  /** The launcher commands, run in the case folder. */
  enum Command {
    TRAIN(Launchers.TRAIN, "def.pbtxt", "--data-dir", "mnist", "--steps", "1", "--quiet"),
    TRAIN_BINARIZED(
        Launchers.TRAIN,
        "def.pbtxt",
        "--data-dir",
        "bmnist",
        "--set",
        "data.dataset=BINARIZED_MNIST",
        "--set",
        "data.binarization=NONE",
        "--steps",
        "1",
        "--quiet"),
    TRAIN_SVHN(
        Launchers.TRAIN,
        "fsvae",
        "--data-dir",
        "svhn",
        "--set",
        "training.batch_size=8",
        "--set",
        "vae.encoder.hidden=8",
        "--set",
        "vae.decoder.hidden=8",
        "--steps",
        "1",
        "--quiet"),
    RESUME(
        Launchers.TRAIN,
        "def.pbtxt",
        "--data-dir",
        "mnist",
        "--checkpoint-dir",
        "ckpt",
        "--steps",
        "21",
        "--quiet"),
    CLUSTER(
        Launchers.TRAIN,
        "def.pbtxt",
        "--data-dir",
        "mnist",
        "--cluster",
        "cluster.json",
        "--job",
        "worker",
        "--task",
        "0",
        "--steps",
        "1",
        "--quiet"),
    EVAL(Launchers.TOOL, "eval", "model", "--data-dir", "mnist", "--iw", "1", "--quiet"),
    SCORE(
        Launchers.TOOL,
        "score",
        "model",
        "--data",
        "scoreme.npy",
        "--iw",
        "2",
        "--out",
        "scores.csv",
        "--quiet");

    final Path launcher;
    final String[] args;

    Command(Path launcher, String... args) {
      this.launcher = launcher;
      this.args = args;
    }
  }

  @BeforeAll
  static void writeTheUsersFiles() throws Exception {
    Files.writeString(pristine.resolve("def.pbtxt"), DEFINITION, StandardCharsets.UTF_8);
    IdxFiles.writeMnist(
        pristine.resolve("mnist"), TinyData.bands(100, 784, 1), TinyData.bands(20, 784, 2));
    Path svhn = Files.createDirectories(pristine.resolve("svhn"));
    MatFiles.svhn(svhn.resolve("train_32x32.mat"), 16, 32, 32, 3, "X", "y", MatFiles.labels(16));
    Files.writeString(
        pristine.resolve("cluster.json"),
        "{\"ps\": [\"localhost:1\"], \"worker\": [\"localhost:2\"]}\n",
        StandardCharsets.UTF_8);
    ImageSet toScore = TinyData.bands(12, 784, 3);
    NpyFiles.uint8(pristine.resolve("scoreme.npy"), new int[] {12, 28, 28}, toScore.pixels());
    Path binarized = SharedData.binarizedMnistDirOrNull();
    if (binarized != null && Files.isDirectory(binarized)) {
      Path train = binarized.resolve("binarized_mnist_train.amat.gz");
      Files.createDirectories(pristine.resolve("bmnist"));
      Files.copy(train, pristine.resolve("bmnist/binarized_mnist_train.amat.gz"));
    }
    Run r =
        Launchers.run(
            pristine,
            Launchers.TRAIN,
            "def.pbtxt",
            "--data-dir",
            "mnist",
            "--checkpoint-dir",
            "ckpt",
            "--export",
            "model",
            "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isRegularFile(pristine.resolve(Input.CHECKPOINT_STATE.file)), r.out());
  }

  /** The pristine files pass every command that the corrupted ones fail. */
  @Test
  void thePristineFilesAreRead() throws Exception {
    for (Command c :
        List.of(Command.TRAIN, Command.RESUME, Command.EVAL, Command.TRAIN_SVHN, Command.SCORE)) {
      Path dir = copyOfTheUsersFiles("pristine-" + c);
      Run r = Launchers.run(dir, c.launcher, c.args);
      assertEquals(0, r.code(), c + ": " + r.err());
    }
  }

  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (Input in : Input.values()) {
      for (Corruption c : Corruption.values()) {
        if (c != Corruption.NOT_UTF8 || in.format == Format.TEXT) {
          out.add(new Object[] {in, c});
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aCorruptedFileIsOneLineNamingIt(Input input, Corruption corruption) throws Exception {
    if (input == Input.AMAT) {
      SharedData.binarizedMnistDir(); // skipped without the real file, required under CI=true
    }
    Path dir = copyOfTheUsersFiles(input + "-" + corruption);
    Path file = dir.resolve(input.file);
    Files.write(file, corrupt(Files.readAllBytes(file), input.format, corruption));
    Map<String, String> before = digests(dir);

    Run r = Launchers.run(dir, input.command.launcher, input.command.args);

    String what = input + " " + corruption + ": ";
    Launchers.assertOneLineError(r, what);
    assertTrue(r.err().contains(input.file), what + "names " + input.file + ": " + r.err());
    assertEquals(before, digests(dir), what + "the user's files changed");
  }

  /**
   * A SavedModel whose manifest records no digests (one exported before they were recorded, or not
   * by tfvae): TensorFlow's own checks catch a damaged variables file, and the message still names
   * the file, not just the model.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("variablesFiles")
  void withoutRecordedDigestsTheDamagedVariablesFileIsNamed(Input input) throws Exception {
    Path dir = copyOfTheUsersFiles("no-digests-" + input);
    Path manifest = dir.resolve(Input.MANIFEST.file);
    var json = com.google.gson.JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    json.remove("files");
    Files.writeString(manifest, json.toString());
    Path file = dir.resolve(input.file);
    Files.write(file, corrupt(Files.readAllBytes(file), input.format, Corruption.TRUNCATED));

    Run r = Launchers.run(dir, Command.EVAL.launcher, Command.EVAL.args);

    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("tfvae eval: error: " + input.file + ": "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  static Stream<Input> variablesFiles() {
    return Stream.of(Input.SAVED_MODEL_INDEX, Input.SAVED_MODEL_DATA);
  }

  /** The corrupted bytes; a bit flip lands where the format must notice it. */
  static byte[] corrupt(byte[] b, Format format, Corruption c) throws IOException {
    switch (c) {
      case TRUNCATED:
        return java.util.Arrays.copyOf(b, b.length / 2);
      case EMPTY:
        return new byte[0];
      case NOT_UTF8:
        byte[] n = b.clone();
        n[n.length / 3] = (byte) 0xC3; // a UTF-8 lead byte followed by no continuation byte
        n[n.length / 3 + 1] = 'x';
        return n;
      case WRONG_KIND:
        return format == Format.TEXT || format == Format.JSON
            ? png()
            : DEFINITION.getBytes(StandardCharsets.UTF_8);
      case BIT_FLIPPED:
        byte[] f = b.clone();
        f[flipAt(f, format)] ^= 0x10;
        return f;
      default:
        throw new AssertionError(c);
    }
  }

  /**
   * Where to flip: in text, the first '{' (a flip elsewhere may spell another valid value); in MAT,
   * the first element's type tag, and in .npy the magic (their pixels carry no checksum); elsewhere
   * the middle, which a checksum (gzip's CRC-32, TensorFlow's CRC-32C, the manifest's SHA-256) must
   * cover.
   */
  private static int flipAt(byte[] b, Format format) {
    switch (format) {
      case TEXT:
      case JSON:
        for (int i = 0; i < b.length; i++) {
          if (b[i] == '{') {
            return i;
          }
        }
        throw new AssertionError("no '{'");
      case MAT:
        return 128;
      case NPY:
        return 0;
      default:
        return b.length / 2;
    }
  }

  /** A real PNG: the kind of file a user might pass by mistake. */
  private static byte[] png() throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", o);
    return o.toByteArray();
  }

  private static Path copyOfTheUsersFiles(String name) throws IOException {
    Path dir = pristine.resolveSibling(pristine.getFileName() + "-" + name);
    try (Stream<Path> s = Files.walk(pristine)) {
      for (Path p : s.toList()) {
        Path to = dir.resolve(pristine.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir;
  }
}
