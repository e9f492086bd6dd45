package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.data.Mnist;
import io.tfvae.testing.IdxFiles;
import io.tfvae.testing.NpyFiles;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

/**
 * The CLI end to end on a small model trained here (the framework is a test dependency only):
 * results, determinism, and a one-line error with exit code 1 for each bad input.
 */
class CliTest {
  @TempDir static Path tmp;
  static Path data;
  static Path model;
  static Path model20;
  static Path conditional;
  static Path judge;
  static Path judge20;

  record Run(int code, String out, String err) {}

  /** {@code tfvae eval MODEL --data-dir DATA ARGS...} on the test's data. */
  static Run eval(Path model, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "eval";
    all[1] = model.toString();
    all[2] = "--data-dir";
    all[3] = data.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return run(all);
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TfvaeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static void assertOneLineError(Run r, String expectedStart) {
    assertEquals(1, r.code(), r.err());
    String err = r.err().trim();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace: " + err);
    assertTrue(err.startsWith(expectedStart), err);
  }

  static void idx(Path file, int magic, int[] dims, byte[] payload) throws IOException {
    IdxFiles.write(file, magic, dims, payload, true);
  }

  static ImageSet images(int n, int dim, long seed) {
    return TinyData.bands(n, dim, seed);
  }

  static Path export(ImageSet train, String name) {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } } training { batch_size: 20 steps: 40 seed: 3 threads: 2 }",
            name);
    Path dir = tmp.resolve(name);
    try (Trainer t = Trainer.builder(def).setTrainingData(train).build()) {
      t.fit();
      t.export(dir);
    }
    return dir;
  }

  @BeforeAll
  static void setUp() throws IOException {
    data = Files.createDirectories(tmp.resolve("mnist"));
    ImageSet train = images(100, 784, 1);
    ImageSet test = images(30, 784, 2);
    idx(data.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {100, 28, 28}, train.pixels());
    byte[] trainLabels = new byte[100];
    for (int i = 0; i < 100; i++) {
      trainLabels[i] = (byte) train.label(i);
    }
    idx(data.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {100}, trainLabels);
    byte[] labels = new byte[30];
    for (int i = 0; i < 30; i++) {
      labels[i] = (byte) test.label(i);
    }
    idx(data.resolve("t10k-images-idx3-ubyte.gz"), 0x803, new int[] {30, 28, 28}, test.pixels());
    idx(data.resolve("t10k-labels-idx1-ubyte.gz"), 0x801, new int[] {30}, labels);
    model = export(Mnist.train(data), "m784");
    ModelDefinition cond =
        ModelDefinition.parse(
            "vae { latent_dim: 2 conditional { classes: 10 } encoder { hidden: 16 } decoder { hidden: 16 }"
                + " likelihood { gaussian { variance: 0.1 } } } data { binarization: NONE }"
                + " training { batch_size: 20 steps: 30 seed: 3 threads: 2 }",
            "cond");
    conditional = tmp.resolve("cond");
    try (Trainer t = Trainer.builder(cond).setTrainingData(Mnist.train(data)).build()) {
      t.fit();
      t.export(conditional);
    }
    String cls =
        "classifier { network { hidden: 16 activation: RELU } } data { binarization: NONE }"
            + " training { batch_size: 20 steps: 60 seed: 3 threads: 2 }";
    judge = tmp.resolve("judge");
    try (Trainer t =
        Trainer.builder(ModelDefinition.parse(cls, "judge"))
            .setTrainingData(Mnist.train(data))
            .build()) {
      t.fit();
      t.export(judge);
    }
    judge20 = tmp.resolve("judge20");
    try (Trainer t =
        Trainer.builder(ModelDefinition.parse(cls, "judge20"))
            .setTrainingData(images(100, 20, 3))
            .build()) {
      t.fit();
      t.export(judge20);
    }
    model20 = export(images(100, 20, 3), "m20");
  }

  @Test
  void evalJsonHasTheContractKeysAndIsRepeatable() {
    Run a = eval(model, "--iw", "1,10,100", "--json", "--quiet");
    assertEquals(0, a.code(), a.err());
    JsonObject o = JsonParser.parseString(a.out()).getAsJsonObject();
    for (String k : new String[] {"nelbo", "kl", "rec", "niwae", "examples"}) {
      assertTrue(o.has(k), k);
    }
    assertEquals(30, o.get("examples").getAsInt());
    JsonObject iw = o.getAsJsonObject("niwae");
    assertEquals(3, iw.size());
    assertTrue(o.get("kl").getAsDouble() >= 0);
    assertEquals(
        o.get("nelbo").getAsDouble(), o.get("kl").getAsDouble() + o.get("rec").getAsDouble(), 1e-3);
    assertTrue(
        iw.get("100").getAsDouble() <= iw.get("1").getAsDouble(), "IWAE-100 is the tighter bound");
    Run b = eval(model, "--iw", "1,10,100", "--json", "--quiet");
    JsonObject o2 = JsonParser.parseString(b.out()).getAsJsonObject();
    o.remove("seconds");
    o2.remove("seconds");
    assertEquals(o, o2, "same seed, same numbers");
  }

  /**
   * compare: each side equals its own eval (same images, same seeds), the difference is A − B, and
   * a model against itself differs by exactly 0 with a paired error of 0 (HelpersTest checks the
   * paired error's formula).
   */
  @Test
  void compareGivesEachModelsEvalAndThePairedDifference() {
    Path other = tmp.resolve("m784-seed4");
    try (Trainer t =
        Trainer.builder(
                ModelDefinition.parse(
                    "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }"
                        + " training { batch_size: 20 steps: 40 seed: 4 threads: 2 }",
                    "seed4"))
            .setTrainingData(Mnist.train(data))
            .build()) {
      t.fit();
      t.export(other);
    }
    Run c =
        run(
            "compare",
            model.toString(),
            other.toString(),
            "--data-dir",
            data.toString(),
            "--iw",
            "1,10",
            "--json");
    assertEquals(0, c.code(), c.err());
    JsonObject o = JsonParser.parseString(c.out()).getAsJsonObject();
    Run ea = eval(model, "--iw", "1,10", "--json", "--quiet");
    JsonObject a = JsonParser.parseString(ea.out()).getAsJsonObject();
    JsonObject iw10 = o.getAsJsonObject("-IWAE-10");
    assertEquals(
        a.getAsJsonObject("niwae").get("10").getAsDouble(), iw10.get("a").getAsDouble(), 1e-9);
    assertEquals(
        a.get("nelbo").getAsDouble(), o.getAsJsonObject("NELBO").get("a").getAsDouble(), 1e-9);
    assertEquals(
        iw10.get("a").getAsDouble() - iw10.get("b").getAsDouble(),
        iw10.get("difference").getAsDouble(),
        1e-9);
    assertTrue(iw10.get("difference").getAsDouble() != 0, "two different models");
    Run self =
        run("compare", model.toString(), model.toString(), "--data-dir", data.toString(), "--json");
    JsonObject s = JsonParser.parseString(self.out()).getAsJsonObject().getAsJsonObject("NELBO");
    assertEquals(0.0, s.get("difference").getAsDouble());
    assertEquals(0.0, s.get("paired_standard_error").getAsDouble());
    // Several B models: A is evaluated once, and each pair reads as its own two-model compare.
    Run several =
        run(
            "compare",
            model.toString(),
            other.toString(),
            model.toString(),
            "--data-dir",
            data.toString(),
            "--iw",
            "1,10",
            "--json");
    assertEquals(0, several.code(), several.err());
    JsonArray pairs = JsonParser.parseString(several.out()).getAsJsonArray();
    assertEquals(2, pairs.size());
    assertEquals(o, pairs.get(0), "the first pair is the two-model compare");
    JsonObject againstItself = pairs.get(1).getAsJsonObject();
    assertEquals(model.toString(), againstItself.get("b").getAsString());
    assertEquals(0.0, againstItself.getAsJsonObject("-IWAE-10").get("difference").getAsDouble());
    // The table's header says which examples were read, as eval's does.
    Run table =
        run(
            "compare",
            model.toString(),
            other.toString(),
            "--data-dir",
            data.toString(),
            "--limit",
            "5");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains(": 5 test examples, noise seed 0"), table.out());
  }

  @Test
  void iwaeSplitAcrossCallsCombinesChunksExactly() {
    // With budget 4 and m = 10 each image takes 3 calls (4 + 4 + 2 samples); the combined bound
    // must still lie between the one-call IWAE-10 of other noise and IWAE-1, up to noise.
    Run chunked = eval(model, "--iw", "1,10", "--budget", "4", "--json", "--quiet");
    assertEquals(0, chunked.code(), chunked.err());
    JsonObject iw =
        JsonParser.parseString(chunked.out()).getAsJsonObject().getAsJsonObject("niwae");
    assertTrue(iw.get("10").getAsDouble() < iw.get("1").getAsDouble());
  }

  @Test
  void conditionalModelsAreEvaluatedWithTheirLabelsAndSampledPerClass() throws IOException {
    Run r = eval(conditional, "--iw", "1,10", "--json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(30, o.get("examples").getAsInt());
    assertTrue(
        o.getAsJsonObject("niwae").get("10").getAsDouble()
            <= o.getAsJsonObject("niwae").get("1").getAsDouble() + 0.5);
    Path png = tmp.resolve("per-class.png");
    Run s = run("sample", conditional.toString(), "--per-class", "--out", png.toString());
    assertEquals(0, s.code(), s.err());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(20 * 29 + 1, img.getWidth());
    assertEquals(10 * 29 + 1, img.getHeight(), "one row per label");
    Run i = run("inspect", conditional.toString());
    assertTrue(
        i.out().contains("signature sample_conditional (tensorflow/serving/predict)"), i.out());
    assertTrue(i.out().contains("in  y            float    [-1,10]"), i.out());
    assertOneLineError(
        run("sample", model.toString(), "--per-class", "--out", png.toString()),
        "tfvae sample: error: "
            + model
            + ": the SavedModel has no 'sample_conditional' signature; it has: decode, encode, log_posterior, log_prior, negative_elbo, negative_iwae, sample, sample_posterior");
  }

  @Test
  void classifiersReportTestAccuracyAndJudgeConditionalSamples() {
    Run e = eval(judge, "--json", "--quiet");
    assertEquals(0, e.code(), e.err());
    JsonObject o = JsonParser.parseString(e.out()).getAsJsonObject();
    double acc = o.get("accuracy").getAsDouble();
    assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
    assertEquals(30, o.get("examples").getAsInt());
    assertFalse(o.has("nelbo"), "a classifier has no bounds");
    Run a =
        run(
            "agreement",
            conditional.toString(),
            "--judge",
            judge.toString(),
            "--per-class",
            "7",
            "--json");
    assertEquals(0, a.code(), a.err());
    JsonObject g = JsonParser.parseString(a.out()).getAsJsonObject();
    assertEquals(70, g.get("samples").getAsInt());
    assertEquals(10, g.getAsJsonObject("by_label").size());
    double sum = 0;
    for (var v : g.getAsJsonObject("by_label").entrySet()) {
      sum += v.getValue().getAsDouble();
    }
    assertEquals(
        g.get("agreement").getAsDouble(), sum / 10, 1e-9, "overall = mean of equal-sized labels");
    assertOneLineError(
        run("agreement", conditional.toString(), "--judge", judge20.toString()),
        "tfvae agreement: error: "
            + judge20
            + ": the judge takes inputs of 20 values but "
            + conditional
            + " draws images of 784");
    assertOneLineError(
        run("agreement", model.toString(), "--judge", judge.toString()),
        "tfvae agreement: error: "
            + model
            + ": the SavedModel has no 'sample_conditional' signature");
  }

  @Test
  void ssvaeExportsReportTheLabelSummedBoundAndAccuracy() {
    ModelDefinition ss =
        ModelDefinition.parse(
            "ssvae { latent_dim: 2 classifier { hidden: 16 activation: RELU } encoder { hidden: 16 } decoder { hidden: 16 }"
                + " labelled { seeded { per_class: 2 } } } training { batch_size: 20 steps: 20 seed: 3 threads: 2 }",
            "ss");
    Path dir = tmp.resolve("ssvae");
    Path dir0 = tmp.resolve("ssvae-gw0");
    try (Trainer t = Trainer.builder(ss).setTrainingData(Mnist.train(data)).build()) {
      t.fit();
      t.export(dir);
    }
    try (Trainer t =
        Trainer.builder(
                ss.withOverride("ssvae.encoder", "")
                    .withOverride("ssvae.decoder", "")
                    .withOverride("ssvae.gen_weight", "0"))
            .setTrainingData(Mnist.train(data))
            .build()) {
      t.fit();
      t.export(dir0);
    }
    Run r = eval(dir, "--json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertTrue(o.has("nelbo") && o.has("accuracy"), r.out());
    assertTrue(o.get("kl").getAsDouble() >= 0);
    Run i = run("inspect", dir.toString());
    for (String sig :
        new String[] {
          "classify",
          "negative_elbo",
          "sample",
          "sample_conditional",
          "encode",
          "decode",
          "log_prior"
        }) {
      assertTrue(i.out().contains("signature " + sig + " "), sig + " in " + i.out());
    }
    assertFalse(i.out().contains("signature negative_iwae"));
    Run r0 = eval(dir0, "--json", "--quiet");
    assertEquals(0, r0.code(), r0.err());
    JsonObject o0 = JsonParser.parseString(r0.out()).getAsJsonObject();
    assertTrue(
        o0.has("accuracy") && !o0.has("nelbo"),
        "gen_weight 0 is the classifier alone: " + r0.out());
  }

  @Test
  void logAddExpIsStable() {
    assertEquals(1000 + Math.log(2), Evaluator.logAddExp(1000, 1000), 1e-12);
    assertEquals(-5, Evaluator.logAddExp(Double.NEGATIVE_INFINITY, -5));
  }

  @Test
  void tableNamesEveryBound() {
    Run r = eval(model, "--iw", "1,10", "--quiet");
    assertEquals(0, r.code(), r.err());
    for (String s : new String[] {"NELBO", "KL", "Rec", "-IWAE-1 ", "-IWAE-10"}) {
      assertTrue(r.out().contains(s), r.out());
    }
  }

  @Test
  void missingSavedModelDirectory() {
    Path none = tmp.resolve("none");
    assertOneLineError(
        eval(none), "tfvae eval: error: " + none + ": SavedModel directory does not exist");
  }

  @Test
  void corruptSavedModelProto() throws IOException {
    Path bad = copy(model, "corrupt");
    Files.write(bad.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    assertOneLineError(
        eval(bad),
        "tfvae eval: error: " + bad.resolve("saved_model.pb") + ": corrupt SavedModel protobuf");
  }

  @Test
  void missingVariables() throws IOException {
    Path bad = copy(model, "novars");
    Files.delete(bad.resolve("variables/variables.index"));
    assertOneLineError(
        eval(bad), "tfvae eval: error: " + bad + ": SavedModel variables are missing");
  }

  /**
   * compare refuses a B of other data (the paired difference would mean nothing) in one line, and
   * does so before evaluating anything: a damaged third model is named even after a good second.
   */
  @Test
  void compareRefusesModelsOfOtherDataBeforeEvaluating() throws IOException {
    Path other = copy(model, "other-binarization");
    Path manifest = other.resolve(Contract.MANIFEST);
    JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
    String binarization = m.get("binarization").getAsString();
    m.addProperty("binarization", "fixed-elsewhere");
    Files.writeString(manifest, m.toString());
    assertOneLineError(
        run("compare", model.toString(), model.toString(), other.toString(), "--limit", "5"),
        "tfvae compare: error: "
            + other
            + ": manifest binarization is fixed-elsewhere, expected "
            + binarization
            + " as in "
            + model);
    Path broken = copy(model, "compare-corrupt");
    Files.write(broken.resolve("saved_model.pb"), new byte[] {1, 2, 3});
    assertOneLineError(
        run("compare", model.toString(), model.toString(), broken.toString()),
        "tfvae compare: error: "
            + broken.resolve("saved_model.pb")
            + ": corrupt SavedModel protobuf");
  }

  /**
   * compare prints each B's table once B is evaluated (in a log, or with --quiet): a later model
   * that fails only at evaluation, here for want of its negative_iwae signature, costs its own
   * table and not the ones already measured.
   */
  @Test
  void compareKeepsTheTablesMeasuredBeforeALaterModelFails() throws IOException {
    Path noIwae = withoutSignature(model, "negative_iwae", "compare-noiwae");
    Run r =
        run(
            "compare",
            model.toString(),
            model.toString(),
            noIwae.toString(),
            "--data-dir",
            data.toString(),
            "--iw",
            "1",
            "--limit",
            "5",
            "--quiet");
    assertOneLineError(
        new Run(r.code(), "", r.err()),
        "tfvae compare: error: " + noIwae + ": the SavedModel has no 'negative_iwae' signature");
    assertTrue(
        r.out().startsWith("A = " + model + ", B = " + model + ": 5 test examples"), r.out());
    assertTrue(r.out().contains("-IWAE-1"), r.out());
    assertFalse(r.out().contains("B = " + noIwae), r.out());
  }

  @Test
  void missingSignatureListsTheOnesThereAre() throws IOException {
    Path bad = withoutSignature(model, "negative_iwae", "noiwae");
    assertOneLineError(
        eval(bad, "--iw", "10"),
        "tfvae eval: error: "
            + bad
            + ": the SavedModel has no 'negative_iwae' signature; it has: decode, encode, log_posterior, log_prior, negative_elbo, sample, sample_posterior");
  }

  @Test
  void missingDataDirectory() {
    Path none = tmp.resolve("nodata");
    assertOneLineError(
        run("eval", model.toString(), "--data-dir", none.toString()),
        "tfvae eval: error: " + none + ": data directory does not exist");
  }

  @Test
  void dataOfTheWrongSizeForTheModel() {
    assertOneLineError(
        eval(model20),
        "tfvae eval: error: "
            + model20
            + ": the model takes inputs of 20 values (signature 'negative_elbo' input x) but the data has 784 pixels per image");
  }

  @Test
  void badFlagPrintsTheParserMessageAndUsage() {
    Run r = run("eval", model.toString(), "--iw", "ten");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Invalid value for option '--iw'"), r.err());
    assertTrue(r.err().contains("Usage: tfvae eval"), r.err());
    assertOneLineError(
        eval(model, "--iw", "0"), "tfvae eval: error: --iw: each m must be >= 1, got 0");
  }

  @Test
  void inspectListsSignaturesWithInputsAndOutputs() {
    Run r = run("inspect", model.toString());
    assertEquals(0, r.code(), r.err());
    for (String s :
        new String[] {
          "signature negative_elbo (tensorflow/serving/predict)",
          "in  seed         int64    [2]",
          "out niwae        float    [-1]",
          "signature decode",
          "signature encode",
          "signature sample",
          "ops: all on the allow-list"
        }) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
    // The test model's weights by hand: encoder 784 -> 16 -> 2 * 2, decoder 2 -> 16 -> 784.
    long encoder = (784 * 16 + 16) + (16 * 4 + 4);
    long decoder = (2 * 16 + 16) + (16 * 784 + 784);
    String expected =
        String.format(
            Locale.ROOT,
            "parameters %,d in 8 variables (encoder %,d, decoder %,d)%n",
            encoder + decoder,
            encoder,
            decoder);
    assertTrue(r.out().contains(expected), expected + " in\n" + r.out());
  }

  @Test
  void sampleWritesAGridOfTwoHundredImages() throws IOException {
    Path png = tmp.resolve("out/grid.png");
    Run r = run("sample", model.toString(), "--out", png.toString());
    assertEquals(0, r.code(), r.err());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(20 * 29 + 1, img.getWidth());
    assertEquals(10 * 29 + 1, img.getHeight());
  }

  @Test
  void recordStoresFiguresInTheManifestAtomically() throws IOException {
    Path m = copy(model, "recorded");
    // The protocol's figures: the official test split, whole.
    Run r =
        run(
            "eval",
            m.toString(),
            "--data-dir",
            io.tfvae.testing.SharedData.mnistDir().toString(),
            "--record",
            "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject manifest =
        JsonParser.parseString(Files.readString(m.resolve("assets.extra/tfvae.json")))
            .getAsJsonObject();
    assertTrue(manifest.getAsJsonObject("figures").has("nelbo"));
    assertEquals(40, manifest.get("steps").getAsInt(), "the rest of the manifest is kept");
    try (var s = Files.list(m.resolve("assets.extra"))) {
      assertEquals(1, s.count(), "no temporary file left");
    }
  }

  /**
   * The manifest's figures are the protocol's: a part of the test split, other examples, another
   * split or files that are not the official ones are refused before any evaluation, and the
   * manifest stays byte for byte.
   */
  @Test
  void recordRefusesFiguresTheProtocolDoesNotDefine() throws IOException {
    Path m = copy(model, "record-refused");
    byte[] before = Files.readAllBytes(m.resolve("assets.extra/tfvae.json"));
    Path npy = tmp.resolve("record-refused.npy");
    io.tfvae.testing.NpyFiles.uint8(npy, new int[] {2, 28, 28}, new byte[2 * 784]);
    String[][] cases = {
      {
        "--limit 50 measures part of the test split", "--data-dir", data.toString(), "--limit", "50"
      },
      {"--data " + npy + " is not the model's own data set", "--data", npy.toString()},
      {"--split valid is not the test split", "--data-dir", data.toString(), "--split", "valid"},
      {"t10k-images-idx3-ubyte.gz is not the official test file", "--data-dir", data.toString()},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "eval";
      args[1] = m.toString();
      System.arraycopy(c, 1, args, 2, c.length - 1);
      String[] all = java.util.Arrays.copyOf(args, args.length + 1);
      all[args.length] = "--record";
      Run r = run(all);
      assertEquals(1, r.code(), String.join(" ", all));
      assertTrue(r.err().startsWith("tfvae eval: error: --record: "), r.err());
      assertTrue(r.err().contains(c[0]), c[0] + " in " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertArrayEquals(before, Files.readAllBytes(m.resolve("assets.extra/tfvae.json")));
    }
  }

  /** A copy of the model whose graph gains a node reading a file (never wired to an output). */
  static Path hostile(String name, String op, String nodeName) throws IOException {
    Path bad = copy(model, name);
    SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(bad.resolve("saved_model.pb")));
    SavedModel.Builder b = sm.toBuilder();
    var g = b.getMetaGraphsBuilder(0).getGraphDefBuilder();
    g.addNode(
        org.tensorflow.proto.NodeDef.newBuilder()
            .setName(nodeName + "_path")
            .setOp("Const")
            .putAttr(
                "dtype",
                org.tensorflow.proto.AttrValue.newBuilder()
                    .setType(org.tensorflow.proto.DataType.DT_STRING)
                    .build())
            .putAttr(
                "value",
                org.tensorflow.proto.AttrValue.newBuilder()
                    .setTensor(
                        org.tensorflow.proto.TensorProto.newBuilder()
                            .setDtype(org.tensorflow.proto.DataType.DT_STRING)
                            .addStringVal(
                                com.google.protobuf.ByteString.copyFromUtf8("/etc/passwd")))
                    .build()));
    g.addNode(
        org.tensorflow.proto.NodeDef.newBuilder()
            .setName(nodeName)
            .setOp(op)
            .addInput(nodeName + "_path"));
    Files.write(bad.resolve("saved_model.pb"), b.build().toByteArray());
    return bad;
  }

  @Test
  void allowListRefusesAFileReadingOpUnlessTrusted() throws IOException {
    Path bad = hostile("hostile", "ReadFile", "evil/read");
    assertOneLineError(
        eval(bad),
        "tfvae eval: error: "
            + bad
            + ": refusing op 'ReadFile' (node 'evil/read'): not among the math,"
            + " neural-network, random and variable ops these models use; pass --trust to run this SavedModel anyway");
    assertOneLineError(
        run("sample", bad.toString(), "--out", tmp.resolve("x.png").toString()),
        "tfvae sample: error: " + bad + ": refusing op 'ReadFile'");
    Run trusted = eval(bad, "--trust", "--json", "--quiet");
    assertEquals(0, trusted.code(), trusted.err());
  }

  @Test
  void allowListRefusesCheckpointIoOutsideTheSaverAndOutputsWiredToIt() throws IOException {
    Path bad = hostile("hostile-save", "SaveV2", "writer/save");
    assertOneLineError(
        eval(bad),
        "tfvae eval: error: "
            + bad
            + ": refusing op 'SaveV2' (node 'writer/save'): checkpoint file I/O outside the saver");
    Path wired = copy(model, "wired");
    SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(wired.resolve("saved_model.pb")));
    SavedModel.Builder b = sm.toBuilder();
    var mg = b.getMetaGraphsBuilder(0);
    var sig = mg.getSignatureDefOrThrow("negative_elbo").toBuilder();
    sig.putOutputs(
        "nelbo",
        sig.getOutputsOrThrow("nelbo").toBuilder()
            .setName(mg.getSaverDef().getSaveTensorName() + ":0")
            .build());
    mg.putSignatureDef("negative_elbo", sig.build());
    Files.write(wired.resolve("saved_model.pb"), b.build().toByteArray());
    assertOneLineError(
        eval(wired),
        "tfvae eval: error: "
            + wired
            + ": refusing signature 'negative_elbo': its outputs depend on checkpoint I/O");
  }

  @Test
  void everyCommittedReferenceModelPassesTheAllowList() throws IOException {
    Path root = Path.of(System.getProperty("tfvae.root", ".."), "savedmodels");
    int checked = 0;
    try (var s = Files.list(root)) {
      for (Path dir : s.filter(Files::isDirectory).toList()) {
        OpAllowList.check(dir, ModelHandle.readProto(dir));
        checked++;
      }
    }
    assertTrue(checked >= 1, "no reference model found under " + root);
  }

  /** A copy of a SavedModel without one of its signatures. */
  static Path withoutSignature(Path src, String signature, String name) throws IOException {
    Path dst = copy(src, name);
    SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dst.resolve("saved_model.pb")));
    SavedModel.Builder b = sm.toBuilder();
    b.getMetaGraphsBuilder(0).removeSignatureDef(signature);
    Files.write(dst.resolve("saved_model.pb"), b.build().toByteArray());
    return dst;
  }

  /**
   * A copy of a SavedModel for a test to edit by hand. Its manifest records no file digests, as a
   * model edited by hand (or exported by other software) would not; the digest check has its own
   * test (CorruptedInputTest) and would otherwise answer before the check each test is about.
   */
  static Path copy(Path src, String name) throws IOException {
    Path dst = tmp.resolve(name);
    try (var s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path q = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    Path manifest = dst.resolve(Contract.MANIFEST);
    if (Files.exists(manifest)) {
      JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
      m.remove("files");
      Files.writeString(manifest, m.toString());
    }
    return dst;
  }

  @Test
  void traverseDrawsOneRowPerLatentDimensionForAGaussianModel() throws IOException {
    Path png = tmp.resolve("traverse.png");
    Run r =
        run(
            "traverse",
            model.toString(),
            "--data-dir",
            data.toString(),
            "--out",
            png.toString(),
            "--cols",
            "5",
            "--index",
            "3");
    assertEquals(0, r.code(), r.err());
    assertEquals("wrote " + png + " (test image 3: 2 latent variables x 5 values)", r.out().trim());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(5 * 29 + 1, img.getWidth());
    assertEquals(2 * 29 + 1, img.getHeight());
    assertOneLineError(
        run(
            "traverse",
            model.toString(),
            "--data-dir",
            data.toString(),
            "--out",
            png.toString(),
            "--index",
            "30"),
        "tfvae traverse: error: --index: expected 0..29, got 30");
  }

  @Test
  void surgerySplitsTheAverageKlIntoInformationAndMarginalKl() {
    Run r = eval(model, "--surgery", "--json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonObject s = o.getAsJsonObject("surgery");
    double avg = s.get("average_kl").getAsDouble();
    double mi = s.get("mutual_information").getAsDouble();
    double marginal = s.get("marginal_kl").getAsDouble();
    assertEquals(avg, mi + marginal, 1e-6, "the split adds up");
    assertTrue(mi > -1e-9 && mi <= Math.log(30) + 1e-9, "0 <= I(x; z) <= log N: " + mi);
    // The Monte-Carlo average KL estimates the closed-form KL that negative_elbo reports.
    double se = s.getAsJsonObject("standard_errors").get("average_kl").getAsDouble();
    assertEquals(o.get("kl").getAsDouble(), avg, 4 * se + 0.05);
    assertEquals(2, s.get("units").getAsInt());
    assertOneLineError(
        eval(judge, "--surgery"),
        "tfvae eval: error: "
            + judge
            + ": the SavedModel has no 'log_prior' signature; it has: classify");
  }

  /**
   * A bottom-up hierarchy's surgery goes through its signatures, and its encode gives q(z_1 | x)'s
   * mean: the active units counted are the first layer's, by Burda et al.'s rule on those means; a
   * ladder's encode gives no posterior mean, so it reports none.
   */
  @Test
  void surgeryOfAHierarchyCountsItsFirstLayersActiveUnits() throws Exception {
    Path hvae = trainHierarchy("BOTTOM_UP");
    Run r = eval(hvae, "--surgery", "--json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject s = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("surgery");
    assertEquals("z_1", s.get("units_of").getAsString());
    assertEquals(3, s.get("units").getAsInt());
    double mi = s.get("mutual_information").getAsDouble();
    assertEquals(s.get("average_kl").getAsDouble(), mi + s.get("marginal_kl").getAsDouble(), 1e-6);
    assertTrue(mi > -1e-9 && mi <= Math.log(30) + 1e-9, "0 <= I(x; z) <= log N: " + mi);

    // By hand: Var_n E[z_1,d | x_n] > 0.01 on the means encode gives for the 30 test images.
    ImageSet test = Mnist.test(data);
    float[] x = io.tfvae.data.Binarization.fixed(test, 0);
    int active = 0;
    try (ModelHandle h = ModelHandle.open(hvae, 1, false);
        TFloat32 xt = Evaluator.slice(x, 0, test.count(), test.dim());
        Result e = h.call(Contract.ENCODE, Map.of("x", xt))) {
      float[] means = Evaluator.read(e, "z1_mean", test.count() * 3);
      for (int d = 0; d < 3; d++) {
        double sum = 0;
        double sq = 0;
        for (int n = 0; n < test.count(); n++) {
          sum += means[n * 3 + d];
          sq += means[n * 3 + d] * means[n * 3 + d];
        }
        double mean = sum / test.count();
        active += sq / test.count() - mean * mean > 0.01 ? 1 : 0;
      }
    }
    assertEquals(active, s.get("active_units").getAsInt());
    assertTrue(
        eval(hvae, "--surgery", "--quiet")
            .out()
            .contains(String.format("active z_1   %10d of 3", active)));

    Run ladder = eval(trainHierarchy("LADDER"), "--surgery", "--json", "--quiet");
    assertEquals(0, ladder.code(), ladder.err());
    JsonObject l =
        JsonParser.parseString(ladder.out()).getAsJsonObject().getAsJsonObject("surgery");
    assertEquals(-1, l.get("active_units").getAsInt());
    assertEquals("z", l.get("units_of").getAsString());
    assertEquals(5, l.get("units").getAsInt());
  }

  private static Path trainHierarchy(String inference) {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 3 encoder { hidden: 16 } decoder { hidden: 16 } upper_layers { size:"
                + " 2 up { hidden: 8 } down { hidden: 8 } } inference: "
                + inference
                + " } training { batch_size: 10 steps: 30 seed: 3 threads: 1 }",
            "hvae");
    Path dir = tmp.resolve("hvae-" + inference);
    try (Trainer t = Trainer.builder(def).setTrainingData(Mnist.train(data)).build()) {
      t.fit();
      t.export(dir);
    }
    return dir;
  }

  /**
   * The surgery from signatures alone (sample_posterior, log_posterior: any posterior family)
   * estimates the same terms as the Gaussian formula on the same model, each within its noise; an
   * inverse autoregressive flow model, whose encode gives no z_mean, takes that path from eval.
   */
  @Test
  void surgeryThroughSignaturesAgreesWithTheGaussianFormula() throws Exception {
    ImageSet test = Mnist.test(data);
    float[] x = io.tfvae.data.Binarization.fixed(test, 0);
    ElboSurgery.Report formula;
    ElboSurgery.Report signatures;
    try (ModelHandle h = ModelHandle.open(model, 1, false)) {
      formula = ElboSurgery.run(h, x, null, test.count(), test.dim(), 3);
      signatures = ElboSurgery.throughSignatures(h, x, test.count(), test.dim(), 3);
    }
    ElboSurgery.Terms a = formula.terms();
    ElboSurgery.Terms b = signatures.terms();
    for (Stat[] pair :
        new Stat[][] {
          {a.averageKl(), b.averageKl()},
          {a.mutualInformation(), b.mutualInformation()},
          {a.marginalKl(), b.marginalKl()}
        }) {
      double se = Math.hypot(pair[0].standardError(), pair[1].standardError());
      assertEquals(pair[0].mean(), pair[1].mean(), 4 * se + 0.02);
    }
    assertEquals(-1, signatures.activeUnits());

    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } posterior { iaf {"
                + " steps: 2 hidden: 8 context: 2 } } } training { batch_size: 10 steps: 30 seed: 3"
                + " threads: 1 }",
            "iaf");
    Path iaf = tmp.resolve("iaf");
    try (Trainer t = Trainer.builder(def).setTrainingData(Mnist.train(data)).build()) {
      t.fit();
      t.export(iaf);
    }
    Run r = eval(iaf, "--surgery", "--json", "--quiet");
    assertEquals(0, r.code(), r.err());
    JsonObject s = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("surgery");
    double avg = s.get("average_kl").getAsDouble();
    double mi = s.get("mutual_information").getAsDouble();
    assertEquals(avg, mi + s.get("marginal_kl").getAsDouble(), 1e-6, "the split adds up");
    assertTrue(mi > -1e-9 && mi <= Math.log(test.count()) + 1e-9, "0 <= I(x; z) <= log N: " + mi);
    assertEquals(-1, s.get("active_units").getAsInt());

    // traverse sweeps one posterior draw of the image's code, dimension by dimension.
    Path png = tmp.resolve("iaf-traverse.png");
    Run t =
        run(
            "traverse",
            iaf.toString(),
            "--data-dir",
            data.toString(),
            "--out",
            png.toString(),
            "--cols",
            "3");
    assertEquals(0, t.code(), t.err());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(3 * 29 + 1, img.getWidth());
    assertEquals(2 * 29 + 1, img.getHeight());
  }

  @Test
  void aValidationSplitIsEvaluatedOnlyWhereTheModelHeldOneOut() {
    assertOneLineError(
        eval(model, "--split", "valid"),
        "tfvae eval: error: --split valid: this model trained on every training image of mnist"
            + " (validation_images is 0 in its manifest), so it has no validation split; train"
            + " with data.validation_images to hold some out");
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }"
                + " training { batch_size: 20 steps: 20 seed: 3 threads: 2 }"
                + " data { validation_images: 30 }",
            "held");
    Path held = tmp.resolve("held");
    try (Trainer t =
        Trainer.builder(def).setTrainingData(def.data().trainingPart(Mnist.train(data))).build()) {
      t.fit();
      t.export(held);
    }
    Run valid = eval(held, "--split", "valid");
    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains(": 30 validation examples,"), valid.out());
    assertOneLineError(
        eval(model, "--split", "training"),
        "tfvae eval: error: --split: expected test or valid, got 'training'");
  }

  /**
   * {@code score} writes one row per test image whose means are eval's figures (same batches and
   * noise seeds), and the same images given as a .npy file score the same, bit for bit.
   */
  @Test
  void scoreRowsAverageToEvalsFiguresAndANpyFileScoresTheSame() throws IOException {
    Path csv = tmp.resolve("scores.csv");
    Run r =
        run(
            "score",
            model.toString(),
            "--data-dir",
            data.toString(),
            "--iw",
            "10",
            "--out",
            csv.toString(),
            "--quiet");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("index,niwae_10,nelbo,kl,rec", lines.get(0));
    JsonObject e =
        JsonParser.parseString(eval(model, "--iw", "10", "--json", "--quiet").out())
            .getAsJsonObject();
    int n = e.get("examples").getAsInt();
    assertEquals(n + 1, lines.size());
    double nelbo = 0;
    double niwae = 0;
    for (int i = 1; i <= n; i++) {
      String[] f = lines.get(i).split(",");
      assertEquals(i - 1, Integer.parseInt(f[0]));
      niwae += Double.parseDouble(f[1]);
      nelbo += Double.parseDouble(f[2]);
      assertEquals(
          Float.parseFloat(f[2]),
          Float.parseFloat(f[3]) + Float.parseFloat(f[4]),
          1e-3,
          lines.get(i));
    }
    assertEquals(e.get("nelbo").getAsDouble(), nelbo / n, 1e-9 * Math.abs(nelbo / n));
    assertEquals(
        e.getAsJsonObject("niwae").get("10").getAsDouble(), niwae / n, 1e-9 * Math.abs(niwae / n));

    ImageSet test = Mnist.test(data);
    Path npy =
        NpyFiles.uint8(tmp.resolve("test.npy"), new int[] {test.count(), 28, 28}, test.pixels());
    Path csv2 = tmp.resolve("scores-npy.csv");
    Run r2 =
        run(
            "score",
            model.toString(),
            "--data",
            npy.toString(),
            "--iw",
            "10",
            "--out",
            csv2.toString(),
            "--quiet");
    assertEquals(0, r2.code(), r2.err());
    assertEquals(lines, Files.readAllLines(csv2));
  }

  @Test
  void scoreRefusesBadFilesInOneLineAndWritesNothing() throws IOException {
    Path csv = tmp.resolve("never.csv");
    int[] shape = {4, 28, 28};
    byte[] pixels = new byte[4 * 784];
    float[] grey = new float[4 * 784];
    grey[785] = Float.NaN;
    Path f64 = NpyFiles.write(tmp.resolve("f64.npy"), "<f8", false, shape, new byte[4 * 784 * 8]);
    Path fortran = NpyFiles.write(tmp.resolve("fortran.npy"), "|u1", true, shape, pixels);
    Path cut = NpyFiles.write(tmp.resolve("cut.npy"), "|u1", false, shape, new byte[100]);
    Path nan = NpyFiles.float32(tmp.resolve("nan.npy"), shape, grey);
    Path wide = NpyFiles.uint8(tmp.resolve("wide.npy"), new int[] {4, 30, 30}, new byte[4 * 900]);
    Path empty = Files.write(tmp.resolve("empty.npy"), new byte[0]);
    java.util.Map<Path, String> expected = new java.util.LinkedHashMap<>();
    expected.put(
        f64, f64 + ": dtype '<f8', expected uint8 ('|u1') or little-endian float32 ('<f4')");
    expected.put(
        fortran,
        fortran
            + ": fortran_order is True, expected C order (numpy.ascontiguousarray before saving)");
    expected.put(cut, cut + ": truncated: shape [4, 28, 28] needs 3136 data bytes, found 100");
    expected.put(nan, nan + ": example 1, value 1 is NaN, expected a float32 in [0, 1]");
    expected.put(
        wide,
        model + ": the model takes 784 values per example, the data has 900 (shape [30, 30])");
    expected.put(empty, empty + ": empty file, expected a .npy or IDX file of examples");
    for (var c : expected.entrySet()) {
      assertOneLineError(
          run("score", model.toString(), "--data", c.getKey().toString(), "--out", csv.toString()),
          "tfvae score: error: " + c.getValue());
      assertFalse(Files.exists(csv), "nothing written for " + c.getKey());
    }
  }
}
