package io.tfvae.launchers;

import static io.tfvae.launchers.Launchers.TOOL;
import static io.tfvae.launchers.Launchers.TRAIN;
import static io.tfvae.launchers.Launchers.digests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.tfvae.launchers.Launchers.Run;
import io.tfvae.testing.NpyFiles;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing the user made is lost and no answer is silently wrong, through the real launchers: a
 * user's folder (a definition over their own .npy files, notes, a trained export) and the outputs a
 * command must refuse to write, the figures it must refuse to record, the sizes it must refuse to
 * try. Each refusal is one line on stderr and a non-zero exit, and every file of the user's is
 * byte-identical afterwards.
 */
class UsersFilesTest {
  private static final String DEFINITION =
      "name: 'mine'\n"
          + "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }\n"
          + "training { batch_size: 10 steps: 20 seed: 3 threads: 1 checkpoint_every: 10 }\n"
          + "data { files { train: 'train.npy' test: 'test.npy' } validation_images: 0 }\n";

  @TempDir static Path users;

  /** The user's folder: the definition, its data, notes, and the model trained from them. */
  @BeforeAll
  static void trainTheUsersModel() throws Exception {
    Files.writeString(users.resolve("def.pbtxt"), DEFINITION);
    Random r = new Random(5);
    byte[] train = new byte[60 * 28 * 28];
    byte[] test = new byte[20 * 28 * 28];
    r.nextBytes(train);
    r.nextBytes(test);
    NpyFiles.uint8(users.resolve("train.npy"), new int[] {60, 28, 28}, train);
    NpyFiles.uint8(users.resolve("test.npy"), new int[] {20, 28, 28}, test);
    Files.createDirectories(users.resolve("notes"));
    Files.writeString(users.resolve("notes/todo.md"), "my notes\n");
    Files.writeString(users.resolve("afile"), "a file of mine\n");
    Run t = Launchers.run(users, TRAIN, "def.pbtxt", "--quiet", "--export", "model");
    assertEquals(0, t.code(), t.err());
  }

  /** A refusal: the command, and the words its one line must hold. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        // Outputs that are, or hold, what the user made.
        refusal("notes: holds todo.md", TRAIN, "def.pbtxt", "--export", "notes"),
        refusal("--export .: holds the model definition", TRAIN, "def.pbtxt", "--export", "."),
        refusal("is the model definition", TRAIN, "def.pbtxt", "--export", "def.pbtxt"),
        refusal("is the train data file", TRAIN, "def.pbtxt", "--export", "train.npy"),
        refusal("afile: is a file", TRAIN, "def.pbtxt", "--export", "afile"),
        refusal(
            "is --checkpoint-dir",
            TRAIN,
            "def.pbtxt",
            "--checkpoint-dir",
            "notes",
            "--export",
            "notes"),
        refusal("--tensorboard afile: is a file", TRAIN, "def.pbtxt", "--tensorboard", "afile"),
        refusal("cannot be created", TRAIN, "def.pbtxt", "--export", "afile/model"),
        refusal(
            "--out test.npy: is --data",
            TOOL,
            "score",
            "model",
            "--data",
            "test.npy",
            "--out",
            "test.npy"),
        refusal(
            "is the SavedModel's graph", TOOL, "sample", "model", "--out", "model/saved_model.pb"),
        refusal(
            "is inside the SavedModel's variables",
            TOOL,
            "traverse",
            "model",
            "--out",
            "model/variables/x.png"),
        // Figures the protocol does not define, recorded over the reference ones.
        refusal(
            "--limit 5 measures part of the test split",
            TOOL,
            "eval",
            "model",
            "--limit",
            "5",
            "--record"),
        refusal(
            "is not the model's own data set",
            TOOL,
            "eval",
            "model",
            "--data",
            "test.npy",
            "--record"),
        // Sizes past any machine, found before the work starts.
        refusal(
            "training.steps: expected a number in 0..100000000",
            TRAIN,
            "def.pbtxt",
            "--steps",
            "3000000000"),
        refusal(
            "vae.encoder.hidden: expected a number in 1..65536",
            TRAIN,
            "def.pbtxt",
            "--set",
            "vae.encoder.hidden=2000000000"),
        refusal(
            "vae.objective.iwae.k: expected a number in 1..1000000",
            TRAIN,
            "def.pbtxt",
            "--set",
            "vae.objective=iwae { k: 2000000000 }"),
        refusal(
            "--rows and --cols: expected numbers in 1..1000",
            TOOL,
            "sample",
            "model",
            "--out",
            "grid.png",
            "--rows",
            "100000",
            "--cols",
            "100000"),
        refusal(
            "--cols: expected a number in 1..1000",
            TOOL,
            "traverse",
            "model",
            "--out",
            "t.png",
            "--cols",
            "2000000000"),
        refusal(
            "--per-class: expected a number in 1..10000",
            TOOL,
            "agreement",
            "model",
            "--judge",
            "model",
            "--per-class",
            "2000000000"));
  }

  private static Arguments refusal(String says, Path launcher, String... args) {
    return Arguments.of(says, launcher, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusalIsOneLineAndLeavesTheUsersFilesAsTheyWere(String says, Path launcher, String[] args)
      throws Exception {
    Map<String, String> before = digests(users);
    Run r = Launchers.run(users, launcher, args);
    Launchers.assertOneLineError(r, says);
    assertTrue(r.err().contains(says), says + " in " + r.err());
    assertEquals(before, digests(users), "the user's files changed");
  }

  /** A definition written by hand in a folder of its own, refused with one line naming it. */
  static Stream<Arguments> definitions() {
    return Stream.of(
        Arguments.of(
            "field vae.latent_dim is set twice",
            "vae { latent_dim: 4\n  latent_dim: 8 }\n"
                + "data { files { train: 'train.npy' } validation_images: 0 }\n"),
        Arguments.of(
            "vae.encoder.hidden: expected at most 256 layers, got 3000",
            "vae { latent_dim: 2 encoder { "
                + "hidden: 8 ".repeat(3000)
                + "} } data { files { train: 'train.npy' } validation_images: 0 }\n"),
        // The stack's shapes are known only once the user's file is read.
        Arguments.of(
            "vae.decoder.conv.layers[0] gives [10, 10, 1], expected height and width [28, 28]",
            "vae { latent_dim: 2 encoder { conv { layers { conv2d { filters: 2 strides: 2 } } } }"
                + " decoder { conv { reshape: [5, 5, 2] layers { upsample2d { filters: 1 } } } } }"
                + " data { files { train: 'train.npy' } validation_images: 0 }\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void aBadDefinitionIsOneLineNamingTheField(String says, String text) throws Exception {
    Path dir = Files.createDirectories(users.resolveSibling(users.getFileName() + "-defs"));
    Files.copy(users.resolve("train.npy"), dir.resolve("train.npy"), REPLACE);
    Files.writeString(dir.resolve("bad.pbtxt"), text);
    Map<String, String> before = digests(dir);
    Run r = Launchers.run(dir, TRAIN, "bad.pbtxt", "--quiet", "--steps", "1");
    Launchers.assertOneLineError(r, says);
    assertTrue(r.err().contains(says), says + " in " + r.err());
    assertEquals(before, digests(dir), "the user's files changed");
  }

  private static final java.nio.file.CopyOption REPLACE =
      java.nio.file.StandardCopyOption.REPLACE_EXISTING;

  /** Results that cannot be written (a full disk under {@code > file}) are an error, not exit 0. */
  @Test
  void aFailedWriteToStandardOutputIsOneLineAndExitOne() throws Exception {
    Path full = Path.of("/dev/full");
    if (!Files.exists(full)) {
      return; // not Linux: nothing to write into that fails
    }
    for (String[] args :
        List.of(
            new String[] {"inspect", "model"}, new String[] {"eval", "model", "--limit", "3"})) {
      Run r = Launchers.run(users, Map.of(), full, TOOL, args);
      Launchers.assertOneLineError(r, String.join(" ", args));
      assertTrue(
          r.err().contains("cannot write the results to standard output (No space left on device)"),
          r.err());
    }
  }

  /**
   * {@code eval --json} is RFC 8259 JSON, read by a strict parser: the standard error of a single
   * example, which is undefined, is null rather than NaN.
   */
  @Test
  void jsonIsStrictAndAnUndefinedStandardErrorIsNull() throws Exception {
    Run r = Launchers.run(users, TOOL, "eval", "model", "--limit", "1", "--iw", "1", "--json");
    assertEquals(0, r.code(), r.err());
    JsonReader strict = new JsonReader(new StringReader(r.out()));
    strict.setStrictness(Strictness.STRICT);
    JsonObject o = JsonParser.parseReader(strict).getAsJsonObject();
    assertTrue(o.getAsJsonObject("standard_errors").get("nelbo").isJsonNull(), r.out());
    assertTrue(Double.isFinite(o.get("nelbo").getAsDouble()), r.out());
  }

  /**
   * A full disk (a small tmpfs, where this runs as root and may mount one) during an export, a
   * checkpoint and a PNG: one line naming the place and the reason, and no temporary left behind.
   */
  @Test
  void aFullDiskIsOneLineNamingThePlaceAndLeavesNoTemporary() throws Exception {
    Path disk = Files.createDirectories(users.resolveSibling(users.getFileName() + "-full"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mount.waitFor() == 0, "cannot mount a small tmpfs here (not root?)");
    try {
      String[][] cases = {
        {"export", "def.pbtxt", "--quiet", "--export", disk.resolve("m").toString()},
        {"checkpoint", "def.pbtxt", "--quiet", "--checkpoint-dir", disk.resolve("ck").toString()},
      };
      for (String[] c : cases) {
        Run r = Launchers.run(users, TRAIN, java.util.Arrays.copyOfRange(c, 1, c.length));
        Launchers.assertOneLineError(r, c[0]);
        assertTrue(r.err().contains(disk.toString()), r.err());
        assertTrue(r.err().contains("No space left on device"), r.err());
      }
      Run r = Launchers.run(users, TOOL, "sample", "model", "--out", disk + "/grid.png");
      Launchers.assertOneLineError(r, "sample");
      assertTrue(r.err().contains(disk + "/grid.png: cannot write: No space left"), r.err());
      try (Stream<Path> s = Files.walk(disk)) {
        List<String> left =
            s.filter(Files::isRegularFile)
                .map(p -> disk.relativize(p).toString())
                .filter(n -> !n.equals("ck/.lock"))
                .toList();
        assertEquals(List.of(), left, "temporaries left on the full disk");
      }
    } finally {
      new ProcessBuilder("umount", disk.toString()).start().waitFor();
    }
  }

  /** A path with letters outside ASCII works when the locale is C (its charset is ASCII). */
  @Test
  void aNonAsciiPathWorksUnderTheCLocale() throws Exception {
    Path copy = users.resolveSibling(users.getFileName() + "-modèle");
    Files.createDirectories(copy);
    try (Stream<Path> s = Files.walk(users.resolve("model"))) {
      for (Path p : s.toList()) {
        Path to = copy.resolve(users.resolve("model").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, REPLACE);
        }
      }
    }
    Run r =
        Launchers.run(
            users, Map.of("LC_ALL", "C", "LANG", "C"), null, TOOL, "inspect", copy.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith(copy.toString() + ": "), r.out());
    assertFalse(r.out().contains("?"), r.out());
    assertEquals(
        Files.readString(copy.resolve("assets.extra/tfvae.json"), StandardCharsets.UTF_8),
        Files.readString(users.resolve("model/assets.extra/tfvae.json"), StandardCharsets.UTF_8));
  }
}
