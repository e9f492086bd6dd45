package io.tfvae.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tfvae.data.FactorFiles;
import io.tfvae.data.Factors;
import io.tfvae.data.ImageSet;
import io.tfvae.tools.disentanglement.BetaVaeScore;
import io.tfvae.tools.disentanglement.Dci;
import io.tfvae.tools.disentanglement.FactorCodes;
import io.tfvae.tools.disentanglement.FactorVaeScore;
import io.tfvae.tools.disentanglement.GroundTruth;
import io.tfvae.tools.disentanglement.Information;
import io.tfvae.tools.disentanglement.Mig;
import io.tfvae.tools.disentanglement.Sap;
import io.tfvae.util.AtomicFiles;
import io.tfvae.util.OutputPaths;
import io.tfvae.util.StrictJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae disentanglement}: the BetaVAE score, the FactorVAE score, MIG, DCI and SAP of a
 * model trained on generated dSprites, through its {@code encode} signature only (posterior means),
 * by disentanglement_lib's protocol (tools/README.md, "Disentanglement metrics"); and the latent ×
 * factor mutual-information matrix as a table row per code and, with {@code --out}, as a PNG.
 */
@Command(
    name = "disentanglement",
    mixinStandardHelpOptions = true,
    description =
        "Disentanglement metrics (BetaVAE, FactorVAE, MIG, DCI, SAP) of a dSprites model, and its"
            + " latent x factor mutual information.")
final class DisentanglementCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @Option(names = "--seed", defaultValue = "0", description = "seed of every metric's draws")
  long seed;

  @Option(
      names = "--points",
      paramLabel = "N",
      description =
          "at most N training points per metric (N/2 evaluation points); for a quick look, not the"
              + " protocol's figures (default: disentanglement_lib's 10,000 and 5,000)")
  Integer points;

  @Option(names = "--json", description = "print one JSON object instead of the table")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "PNG",
      description = "draw the mutual-information matrix here (a row per code, a column per factor)")
  Path out;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Mixin DataOptions dataOptions = new DataOptions();

  @Option(
      names = "--factors",
      paramLabel = "FILE",
      description =
          "the ground-truth factors of --data's examples: .npy [N, K] integers, or CSV with a"
              + " header of names (default: the model's dSprites, or its test file's recorded"
              + " data.files.test_factors)")
  Path factorsFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Pixels per cell of the drawn matrix. */
  private static final int CELL = 24;

  @Override
  public Integer call() throws IOException {
    if (out != null) {
      OutputFile.check(out, modelDir, dataOptions);
      if (factorsFile != null) {
        OutputPaths.requireNotInput("--out", out, java.util.Map.of("--factors", factorsFile));
      }
    }
    if (points != null && (points < 2 || points > 10_000)) {
      throw new ToolException("--points: expected a number in 2..10000, got " + points);
    }
    long start = System.nanoTime();
    JsonObject o = new JsonObject();
    double[][] mi;
    GroundTruth truth;
    String truthLabel;
    try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
      var manifest = model.manifest();
      String dataset = manifest.has("dataset") ? manifest.get("dataset").getAsString() : "mnist";
      if (dataset.equals("dsprites") && dataOptions.dataFile == null && factorsFile == null) {
        truth = new DspritesFactors();
        truthLabel = "generated dSprites";
      } else {
        truth = exampleFactors(manifest, dataset);
        truthLabel = dataOptions.examplesLabel() + " and their factors";
      }
      boolean grid = !(truth instanceof ExampleFactors e) || e.complete();
      EncodedMeans means = new EncodedMeans(model);
      // The two scores that fix one factor and draw the others need every combination.
      var beta = grid ? BetaVaeScore.compute(truth, means, betaSettings(), seed) : null;
      var factor = grid ? FactorVaeScore.compute(truth, means, factorSettings(), seed) : null;
      Mig.Settings migSettings = migSettings();
      double mig = Mig.compute(truth, means, migSettings, seed);
      var dci = Dci.compute(truth, means, dciSettings(), seed);
      double sap = Sap.compute(truth, means, sapSettings(), seed);
      // MIG's own points (the same seed draws them again): MI(code j; factor k) / H(factor k).
      FactorCodes pts =
          FactorCodes.sample(
              truth,
              means,
              migSettings.numTrain(),
              migSettings.batchSize(),
              new SplittableRandom(seed));
      mi = normalizedInformation(pts, migSettings.bins());
      o.addProperty("data", truthLabel);
      o.addProperty("beta_vae_score", beta == null ? null : beta.evalAccuracy());
      o.addProperty("factor_vae_score", factor == null ? null : factor.evalAccuracy());
      o.addProperty("factor_vae_active_codes", factor == null ? null : factor.activeCodes());
      o.addProperty("mig", mig);
      o.addProperty("dci_disentanglement", dci.disentanglement());
      o.addProperty("dci_completeness", dci.completeness());
      o.addProperty("dci_informativeness", dci.informativenessTest());
      o.addProperty("sap", sap);
      JsonArray names = new JsonArray();
      for (int k = 0; k < truth.factors(); k++) {
        names.add(truth.factorName(k));
      }
      o.add("factors", names);
      JsonArray rows = new JsonArray();
      for (double[] row : mi) {
        JsonArray r = new JsonArray();
        for (double v : row) {
          r.add(v);
        }
        rows.add(r);
      }
      o.add("mutual_information", rows);
      o.addProperty("seed", seed);
      o.addProperty("points", points == null ? 10_000 : points);
    }
    o.addProperty("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(StrictJson.toJson(o));
    } else {
      table(w, o, mi, truth);
    }
    if (out != null) {
      draw(mi, out);
      if (!json) {
        w.println("wrote " + out + " (" + mi.length + " codes x " + truth.factors() + " factors)");
      }
    }
    return 0;
  }

  private void table(PrintWriter w, JsonObject o, double[][] mi, GroundTruth data) {
    w.printf(
        Locale.ROOT,
        "%s: %s, seed %d, %s training points per metric, %.1f s%n",
        modelDir,
        o.get("data").getAsString(),
        seed,
        points == null ? "10,000 (disentanglement_lib's)" : String.valueOf(points),
        o.get("seconds").getAsDouble());
    String[][] rows = {
      {"BetaVAE score", "beta_vae_score"},
      {"FactorVAE score", "factor_vae_score"},
      {"MIG", "mig"},
      {"DCI disentangl.", "dci_disentanglement"},
      {"DCI completeness", "dci_completeness"},
      {"DCI informativ.", "dci_informativeness"},
      {"SAP", "sap"},
    };
    for (String[] r : rows) {
      if (o.get(r[1]).isJsonNull()) {
        w.printf(Locale.ROOT, "%-18s %8s (needs every combination of the factors)%n", r[0], "n/a");
      } else {
        w.printf(Locale.ROOT, "%-18s %8.4f%n", r[0], o.get(r[1]).getAsDouble());
      }
    }
    StringBuilder head = new StringBuilder(String.format("%-18s", "MI / H(factor)"));
    for (int k = 0; k < data.factors(); k++) {
      head.append(String.format(Locale.ROOT, " %11s", data.factorName(k)));
    }
    w.println(head);
    for (int j = 0; j < mi.length; j++) {
      StringBuilder line = new StringBuilder(String.format("%-18s", "z" + j));
      for (double v : mi[j]) {
        line.append(String.format(Locale.ROOT, " %11.3f", v));
      }
      w.println(line);
    }
  }

  /**
   * The examples --data or the model's own split names, with their factors (--factors, or those
   * recorded beside the model's files), as the model reads them.
   */
  private ExampleFactors exampleFactors(JsonObject manifest, String dataset) {
    if (factorsFile != null && dataOptions.dataFile == null) {
      throw new ToolException("--factors: give the examples they describe with --data FILE");
    }
    // Refused before reading examples that cannot have factors (a built-in set's, say).
    boolean recorded =
        dataOptions.dataFile == null
            && manifest.has("data_files")
            && manifest.getAsJsonObject("data_files").entrySet().stream()
                .anyMatch(e -> e.getValue().getAsJsonObject().has("factors"));
    ImageSet examples = factorsFile != null || recorded ? dataOptions.testSet(manifest) : null;
    if (examples != null && factorsFile != null) {
      examples = examples.withFactors(FactorFiles.read(factorsFile, examples.count()));
    }
    if (examples == null || !examples.hasFactors()) {
      throw new ToolException(
          modelDir
              + ": trained on "
              + dataset
              + ", and its "
              + dataOptions.examplesLabel()
              + " have no ground-truth factors; the metrics need them: a model of data.dataset"
              + " DSPRITES, data.files.test_factors beside the test file when training, or --data"
              + " FILE --factors FILE");
    }
    Factors f = examples.factors();
    for (int k = 0; k < f.width(); k++) {
      if (f.sizes()[k] < 2) {
        throw new ToolException(
            "factor "
                + f.names().get(k)
                + " takes one value in these examples; the metrics divide by each factor's"
                + " entropy: leave it out of the factors file");
      }
    }
    return new ExampleFactors(DataOptions.pixels(examples, manifest, 0), examples.dim(), f);
  }

  /** MI(code j; factor k) / H(factor k), each code discretized into {@code bins} bins. */
  static double[][] normalizedInformation(FactorCodes pts, int bins) {
    int z = pts.codes().length;
    int k = pts.factors().length;
    double[][] m = new double[z][k];
    for (int j = 0; j < z; j++) {
      int[] code = Information.histogramDiscretize(pts.codes()[j], bins);
      for (int f = 0; f < k; f++) {
        double h = Information.entropy(pts.factors()[f]);
        m[j][f] = h == 0 ? 0 : Information.mutualInformation(pts.factors()[f], code) / h;
      }
    }
    return m;
  }

  /** The matrix as grey cells, darker for more information, one-pixel white lines between. */
  static void draw(double[][] m, Path out) throws IOException {
    int rows = m.length;
    int cols = m[0].length;
    BufferedImage img =
        new BufferedImage(cols * (CELL + 1) + 1, rows * (CELL + 1) + 1, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, 0xFFFFFF);
      }
    }
    for (int j = 0; j < rows; j++) {
      for (int k = 0; k < cols; k++) {
        int g = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, m[j][k]))));
        int rgb = (g << 16) | (g << 8) | g;
        for (int dy = 0; dy < CELL; dy++) {
          for (int dx = 0; dx < CELL; dx++) {
            img.setRGB(1 + k * (CELL + 1) + dx, 1 + j * (CELL + 1) + dy, rgb);
          }
        }
      }
    }
    try {
      AtomicFiles.write(out, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    } catch (IOException e) {
      throw io.tfvae.util.Messages.cannotWrite(out, e);
    }
  }

  private int train(int protocol) {
    return points == null ? protocol : Math.min(protocol, points);
  }

  private int eval(int protocol) {
    return points == null ? protocol : Math.min(protocol, Math.max(1, points / 2));
  }

  private BetaVaeScore.Settings betaSettings() {
    var d = BetaVaeScore.Settings.DEFAULT;
    return new BetaVaeScore.Settings(d.batchSize(), train(d.numTrain()), eval(d.numEval()));
  }

  private FactorVaeScore.Settings factorSettings() {
    var d = FactorVaeScore.Settings.DEFAULT;
    return new FactorVaeScore.Settings(
        d.batchSize(),
        train(d.numTrain()),
        eval(d.numEval()),
        train(d.numVarianceEstimate()),
        d.pruneThreshold());
  }

  private Mig.Settings migSettings() {
    var d = Mig.Settings.DEFAULT;
    return new Mig.Settings(train(d.numTrain()), d.batchSize(), d.bins());
  }

  private Dci.Settings dciSettings() {
    var d = Dci.Settings.DEFAULT;
    return new Dci.Settings(train(d.numTrain()), eval(d.numTest()), d.batchSize());
  }

  private Sap.Settings sapSettings() {
    var d = Sap.Settings.DEFAULT;
    return new Sap.Settings(train(d.numTrain()), eval(d.numTest()), d.batchSize());
  }
}
