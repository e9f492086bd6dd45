package io.tfvae.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.cli.TrainCommand;
import io.tfvae.data.ImageSet;
import io.tfvae.testing.IdxFiles;
import io.tfvae.testing.NpyFiles;
import io.tfvae.testing.TinyData;
import io.tfvae.tools.TfvaeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own files, as a new user would use them: a definition naming .npy files beside it, the
 * train command, then {@code tfvae eval} with no data flag at all.
 */
class OwnFilesTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run train(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TrainCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static Run tool(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TfvaeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** The NELBO a tool command prints with --json, after checking that it succeeded. */
  static com.google.gson.JsonElement nelbo(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--json";
    all[args.length + 1] = "--quiet";
    Run r = tool(all);
    assertEquals(0, r.code(), r.err());
    return JsonParser.parseString(r.out()).getAsJsonObject().get("nelbo");
  }

  private static final String MODEL =
      "name: 'own'\n"
          + "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }\n"
          + "training { batch_size: 10 steps: 30 seed: 3 threads: 1 }\n";

  @Test
  void npyFilesTrainTheSameWeightsAsIdxAndEvalFindsTheTestFileFromTheManifest() throws Exception {
    ImageSet train = TinyData.bands(200, 784, 1);
    ImageSet test = TinyData.bands(20, 784, 2);
    Path idx = IdxFiles.writeMnist(tmp.resolve("idx"), train, test);
    Path own = Files.createDirectories(tmp.resolve("own"));
    NpyFiles.uint8(own.resolve("train.npy"), new int[] {200, 28, 28}, train.pixels());
    NpyFiles.uint8(own.resolve("test.npy"), new int[] {20, 28, 28}, test.pixels());
    Path def = own.resolve("own.pbtxt");
    Files.writeString(def, MODEL + "data { files { train: 'train.npy' test: 'test.npy' } }\n");
    Path builtIn = tmp.resolve("builtin.pbtxt");
    Files.writeString(builtIn, MODEL);

    Run a = train(def.toString(), "--export", tmp.resolve("from-npy").toString(), "--quiet");
    assertEquals(0, a.code(), a.err());
    Run b =
        train(
            builtIn.toString(),
            "--data-dir",
            idx.toString(),
            "--export",
            tmp.resolve("from-idx").toString(),
            "--quiet");
    assertEquals(0, b.code(), b.err());
    String weights = "variables/variables.data-00000-of-00001";
    assertEquals(
        -1L,
        Files.mismatch(
            tmp.resolve("from-npy").resolve(weights), tmp.resolve("from-idx").resolve(weights)),
        "the same pixels train the same weights, bit for bit");

    JsonObject m =
        JsonParser.parseString(Files.readString(tmp.resolve("from-npy/assets.extra/tfvae.json")))
            .getAsJsonObject();
    assertEquals("files", m.get("dataset").getAsString());
    JsonObject files = m.getAsJsonObject("data_files");
    assertEquals(
        own.resolve("test.npy").toAbsolutePath().toString(),
        files.getAsJsonObject("test").get("path").getAsString());
    assertEquals("[20,28,28]", files.getAsJsonObject("test").get("shape").toString());

    Run fromManifest = tool("eval", tmp.resolve("from-npy").toString(), "--json", "--quiet");
    assertEquals(0, fromManifest.code(), fromManifest.err());
    Run fromIdx =
        tool(
            "eval",
            tmp.resolve("from-idx").toString(),
            "--data-dir",
            idx.toString(),
            "--json",
            "--quiet");
    assertEquals(
        JsonParser.parseString(fromIdx.out()).getAsJsonObject().get("nelbo"),
        JsonParser.parseString(fromManifest.out()).getAsJsonObject().get("nelbo"));

    // A folder of PNG images (as a user's image collection would be) trains the same weights too.
    writePngs(train, own.resolve("pngs"), false);
    Path pngDef = own.resolve("png.pbtxt");
    Files.writeString(pngDef, MODEL + "data { files { train: 'pngs' } }\n");
    Run c = train(pngDef.toString(), "--export", tmp.resolve("from-png").toString(), "--quiet");
    assertEquals(0, c.code(), c.err());
    assertEquals(
        -1L,
        Files.mismatch(
            tmp.resolve("from-png").resolve(weights), tmp.resolve("from-idx").resolve(weights)),
        "a PNG folder of the same pixels trains the same weights, bit for bit");

    Path moved = Files.createDirectories(tmp.resolve("moved"));
    Files.move(own.resolve("test.npy"), moved.resolve("test.npy"));
    Run lost = tool("eval", tmp.resolve("from-npy").toString());
    assertEquals(1, lost.code());
    assertEquals(
        "tfvae eval: error: "
            + own.resolve("test.npy").toAbsolutePath()
            + ": the model's test file is not there (the manifest records "
            + own.resolve("test.npy").toAbsolutePath()
            + "); give --data-dir the folder that holds test.npy, or --data FILE\n",
        lost.err());
    Run found =
        tool("eval", tmp.resolve("from-npy").toString(), "--data-dir", moved.toString(), "--quiet");
    assertEquals(0, found.code(), found.err());
  }

  /**
   * A training file read by rows from disk trains the weights of the same file read whole; the
   * validation split is carved with a seed (recorded, and carved again by eval --split valid), or
   * is the user's own file.
   */
  @Test
  void filesFromDiskAndValidationSplitsFromASeedOrAFile() throws Exception {
    ImageSet train = TinyData.bands(200, 784, 1);
    Path own = Files.createDirectories(tmp.resolve("own"));
    NpyFiles.uint8(own.resolve("train.npy"), new int[] {200, 784}, train.pixels());
    String weights = "variables/variables.data-00000-of-00001";
    String data = "data { validation_images: 40 validation_seed: 5 files { train: 'train.npy' ";
    for (String loading : new String[] {"IN_MEMORY", "FROM_DISK"}) {
      Path def = own.resolve(loading + ".pbtxt");
      Files.writeString(def, MODEL + data + "loading: " + loading + " } }\n");
      Run r = train(def.toString(), "--export", tmp.resolve(loading).toString(), "--quiet");
      assertEquals(0, r.code(), r.err());
    }
    assertEquals(
        -1L,
        Files.mismatch(
            tmp.resolve("IN_MEMORY").resolve(weights), tmp.resolve("FROM_DISK").resolve(weights)),
        "rows read from disk train the same weights, bit for bit");
    JsonObject m =
        JsonParser.parseString(Files.readString(tmp.resolve("FROM_DISK/assets.extra/tfvae.json")))
            .getAsJsonObject();
    assertEquals("seeded", m.get("validation_carving").getAsString());
    assertEquals(5, m.get("validation_seed").getAsLong());

    // eval --split valid carves the same 40 examples the trainer held out.
    ImageSet held = new io.tfvae.data.ValidationSplit(40, true, 5).validation(train);
    Path valid = NpyFiles.uint8(own.resolve("valid.npy"), new int[] {40, 784}, held.pixels());
    assertEquals(
        nelbo("eval", tmp.resolve("FROM_DISK").toString(), "--data", valid.toString()),
        nelbo("eval", tmp.resolve("FROM_DISK").toString(), "--split", "valid"));

    // A validation file of the user's own: --split valid reads it through the manifest.
    Path def = own.resolve("valid-file.pbtxt");
    Files.writeString(def, MODEL + "data { files { train: 'train.npy' valid: 'valid.npy' } }\n");
    Run r = train(def.toString(), "--export", tmp.resolve("valid-file").toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        nelbo("eval", tmp.resolve("valid-file").toString(), "--data", valid.toString()),
        nelbo("eval", tmp.resolve("valid-file").toString(), "--split", "valid"));

    Files.writeString(
        def,
        MODEL + "data { validation_images: 10 files { train: 'train.npy' valid: 'valid.npy' } }\n");
    Run both = train(def.toString(), "--quiet");
    assertEquals(1, both.code());
    assertEquals(
        "tfvae-train: error: "
            + def
            + ": data.validation_images: expected 0 with data.files.valid (the validation examples"
            + " are that file), got 10\n",
        both.err());
  }

  /** Pictures that are not square keep their shape: the manifest records it, sample draws it. */
  @Test
  void aFilesOwnShapeIsRecordedAndDrawn() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("rect"));
    NpyFiles.uint8(
        own.resolve("train.npy"), new int[] {40, 24, 28}, TinyData.bands(40, 24 * 28, 5).pixels());
    Path def = own.resolve("rect.pbtxt");
    Files.writeString(def, MODEL + "data { files { train: 'train.npy' } }\n");
    Run t =
        train(def.toString(), "--steps", "5", "--export", tmp.resolve("m").toString(), "--quiet");
    assertEquals(0, t.code(), t.err());
    JsonObject m =
        JsonParser.parseString(Files.readString(tmp.resolve("m/assets.extra/tfvae.json")))
            .getAsJsonObject();
    assertEquals("[24,28,1]", m.get("image_shape").toString());
    Path png = tmp.resolve("grid.png");
    Run s =
        tool(
            "sample",
            tmp.resolve("m").toString(),
            "--out",
            png.toString(),
            "--rows",
            "2",
            "--cols",
            "3",
            "--scale",
            "2");
    assertEquals(0, s.code(), s.err());
    var img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(3 * (28 * 2 + 1) + 1, img.getWidth());
    assertEquals(2 * (24 * 2 + 1) + 1, img.getHeight());
  }

  /**
   * A conditional VAE on files: labels from a labels file (and for its test file, found again by
   * eval), or from a PNG folder's class subfolders; labels that do not fit are one line.
   */
  @Test
  void labelsComeFromALabelsFileOrClassFolders() throws Exception {
    ImageSet train = TinyData.bands(60, 784, 1);
    ImageSet test = TinyData.bands(20, 784, 2);
    Path own = Files.createDirectories(tmp.resolve("labelled"));
    NpyFiles.uint8(own.resolve("x.npy"), new int[] {60, 28, 28}, train.pixels());
    NpyFiles.uint8(own.resolve("y.npy"), new int[] {60}, labels(train));
    NpyFiles.uint8(own.resolve("tx.npy"), new int[] {20, 28, 28}, test.pixels());
    NpyFiles.uint8(own.resolve("ty.npy"), new int[] {20}, labels(test));
    String conditional =
        "name: 'cond'\n"
            + "vae { latent_dim: 2 conditional { classes: 10 } encoder { hidden: 16 }"
            + " decoder { hidden: 16 } }\n"
            + "training { batch_size: 10 steps: 5 seed: 3 threads: 1 }\n";
    Path def = own.resolve("cond.pbtxt");
    Files.writeString(
        def,
        conditional
            + "data { files { train: 'x.npy' train_labels: 'y.npy' test: 'tx.npy'"
            + " test_labels: 'ty.npy' } }\n");
    Run t = train(def.toString(), "--export", tmp.resolve("cond").toString(), "--quiet");
    assertEquals(0, t.code(), t.err());
    Run e = tool("eval", tmp.resolve("cond").toString(), "--json", "--quiet");
    assertEquals(0, e.code(), e.err());
    assertEquals(20, JsonParser.parseString(e.out()).getAsJsonObject().get("examples").getAsInt());

    writePngs(train, own.resolve("classes"), true);
    Path byFolder = own.resolve("folders.pbtxt");
    Files.writeString(byFolder, conditional + "data { files { train: 'classes' } }\n");
    Run f = train(byFolder.toString(), "--quiet");
    assertEquals(0, f.code(), f.err());

    Path unlabelled = own.resolve("unlabelled.pbtxt");
    Files.writeString(unlabelled, conditional + "data { files { train: 'x.npy' } }\n");
    assertEquals(
        "tfvae-train: error: "
            + own.resolve("x.npy").toAbsolutePath()
            + ": this model needs labels (classes: 10); give data.files.train_labels,"
            + " data.files.label_column for a CSV file, or class subfolders in a PNG folder\n",
        train(unlabelled.toString(), "--quiet").err());
    byte[] wide = labels(train);
    wide[7] = 12;
    NpyFiles.uint8(own.resolve("y12.npy"), new int[] {60}, wide);
    NpyFiles.uint8(own.resolve("y59.npy"), new int[] {59}, java.util.Arrays.copyOf(wide, 59));
    Path bad = own.resolve("bad.pbtxt");
    Files.writeString(
        bad, conditional + "data { files { train: 'x.npy' train_labels: 'y12.npy' } }\n");
    assertEquals(
        "tfvae-train: error: "
            + own.resolve("y12.npy").toAbsolutePath()
            + ": label 12 of example 7 is outside 0..9 (the model's classes: 10)\n",
        train(bad.toString(), "--quiet").err());
    Files.writeString(
        bad, conditional + "data { files { train: 'x.npy' train_labels: 'y59.npy' } }\n");
    assertEquals(
        "tfvae-train: error: "
            + own.resolve("y59.npy")
            + ": holds 59 labels, expected 60 (one per example)\n",
        train(bad.toString(), "--quiet").err());
  }

  /** 28 x 28 grey PNGs numbered in order, in class-N subfolders when byClass. */
  private static void writePngs(ImageSet s, Path folder, boolean byClass) throws Exception {
    for (int i = 0; i < s.count(); i++) {
      Path dir = Files.createDirectories(byClass ? folder.resolve("class-" + s.label(i)) : folder);
      var img =
          new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster()
          .setDataElements(
              0, 0, 28, 28, java.util.Arrays.copyOfRange(s.pixels(), i * 784, (i + 1) * 784));
      javax.imageio.ImageIO.write(img, "png", dir.resolve(String.format("%05d.png", i)).toFile());
    }
  }

  private static byte[] labels(ImageSet s) {
    byte[] l = new byte[s.count()];
    for (int i = 0; i < l.length; i++) {
      l[i] = (byte) s.label(i);
    }
    return l;
  }

  /**
   * What the values mean is declared and checked: 8 x 8 digits of 0..16 (scikit-learn's) scale by
   * max_value, a value above it is one line, and grey values fed as they are to a Bernoulli
   * likelihood are refused.
   */
  @Test
  void storedValuesAreScaledByMaxValueAndGreyValuesNeedBinarization() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("digits"));
    byte[] px = new byte[30 * 64];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) ((i * 7) % 17);
    }
    NpyFiles.uint8(own.resolve("x.npy"), new int[] {30, 8, 8}, px);
    Path def = own.resolve("d.pbtxt");
    Files.writeString(
        def, MODEL + "data { files { train: 'x.npy' test: 'x.npy' max_value: 16 } }\n");
    Run t =
        train(def.toString(), "--steps", "3", "--export", tmp.resolve("dm").toString(), "--quiet");
    assertEquals(0, t.code(), t.err());
    Run e = tool("eval", tmp.resolve("dm").toString(), "--quiet");
    assertEquals(0, e.code(), e.err());

    Files.writeString(def, MODEL + "data { files { train: 'x.npy' max_value: 15 } }\n");
    assertEquals(
        "tfvae-train: error: "
            + own.resolve("x.npy")
            + ": example 0, value 12 is 16, expected 0..15 (data.files.max_value)\n",
        train(def.toString(), "--quiet").err());
    Files.writeString(
        def, MODEL + "data { binarization: NONE files { train: 'x.npy' max_value: 16 } }\n");
    assertEquals(
        "tfvae-train: error: "
            + own.resolve("x.npy").toAbsolutePath()
            + ": example 0, value 1 is grey (7 of 16), expected binary values for a Bernoulli"
            + " likelihood with data.binarization NONE (use DYNAMIC, or a gaussian likelihood, or"
            + " data.files.max_value: 1 for 0/1 data)\n",
        train(def.toString(), "--quiet").err());
  }

  @Test
  void aDefinitionNamingFilesIsCheckedInOneLine() throws Exception {
    Path d = tmp.resolve("bad.pbtxt");
    Files.writeString(d, MODEL + "data { dataset: MNIST files { train: 'train.npy' } }\n");
    Run both = train(d.toString(), "--quiet");
    assertEquals(
        "tfvae-train: error: "
            + d
            + ": data.files: expected either data.dataset or data.files (the user's own files),"
            + " not both, got both\n",
        both.err());
    Files.writeString(d, MODEL + "data { files { train: 'absent.npy' } }\n");
    Run absent = train(d.toString(), "--quiet");
    assertEquals(
        "tfvae-train: error: "
            + tmp.resolve("absent.npy")
            + ": data.files.train not found (relative paths are taken from the definition file's"
            + " folder)\n",
        absent.err());
  }
}
