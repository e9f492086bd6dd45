package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.util.Precision;
import io.tfvae.util.StrictJson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tfvae eval}: bounds (and accuracy) over the test set. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Bounds over the test set.")
final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @CommandLine.Mixin DataOptions data = new DataOptions();

  @CommandLine.Mixin BoundOptions bounds = new BoundOptions();

  @Option(
      names = "--batch",
      description = "images per negative_elbo call (default ${DEFAULT-VALUE})",
      defaultValue = "500")
  int batch;

  @Option(
      names = "--budget",
      description = "image-samples per negative_iwae call (default ${DEFAULT-VALUE})",
      defaultValue = "" + Evaluator.DEFAULT_BUDGET)
  int budget;

  @Option(
      names = "--threads",
      description = "TensorFlow threads (default: all cores)",
      defaultValue = "0")
  int threads;

  @Option(
      names = "--precision",
      defaultValue = "float32",
      description =
          "float32 (the reference) or bfloat16 (TensorFlow's oneDNN rewrite, on CPUs with"
              + " bfloat16 support; default ${DEFAULT-VALUE})")
  String precision;

  @Option(names = "--json", description = "print one JSON object instead of the table")
  boolean json;

  @Option(names = "--record", description = "also store the figures in the SavedModel's manifest")
  boolean record;

  @Option(
      names = "--surgery",
      description =
          "also split the average KL into the mutual information I(x; z) and the marginal KL to the"
              + " test set's aggregate posterior (Hoffman and Johnson 2016), with the active units")
  boolean surgery;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Double accuracy;
  private ElboSurgery.Report surgeryReport;
  private int labelsCount;

  @Override
  public Integer call() {
    if (batch < 1 || budget < 1) {
      throw new ToolException("--batch and --budget must be >= 1");
    }
    List<Integer> iw = bounds.iw();
    Precision arithmetic = Precision.parse(precision, "--precision");
    if (record && arithmetic != Precision.FLOAT32) {
      throw new ToolException(
          "--record: the manifest holds float32 figures; leave --record out with --precision "
              + precision);
    }
    ModelHandle.readProto(modelDir);
    long start = System.nanoTime();
    Evaluator.Report rep;
    try (ModelHandle model = ModelHandle.open(modelDir, threads, trustOption.trust, arithmetic)) {
      JsonObject manifest = model.manifest();
      if (record) {
        ManifestRecorder.requireProtocol(manifest, data, bounds.limit);
      }
      ImageSet test = DataOptions.head(data.testSet(manifest), bounds.limit);
      float[] x = DataOptions.pixels(test, manifest, bounds.binarizeSeed);
      labelsCount = test.count();
      int[] labels = new int[test.count()];
      for (int i = 0; i < labels.length && test.hasLabels(); i++) {
        labels[i] = test.label(i);
      }
      if (model.has(Contract.NEGATIVE_ELBO) || !model.has(Contract.CLASSIFY)) {
        try (ProgressBar bar = progress(test.count(), iw)) {
          rep =
              new Evaluator(model, batch, budget, 1000)
                  .evaluate(
                      x,
                      test.hasLabels() ? labels : null,
                      test.count(),
                      test.dim(),
                      iw,
                      bounds.seed,
                      bar == null ? null : bar::stepBy);
        }
      } else {
        rep = null;
      }
      if (surgery) {
        surgeryReport =
            ElboSurgery.run(
                model, x, test.hasLabels() ? labels : null, test.count(), test.dim(), bounds.seed);
      }
      if (model.has(Contract.CLASSIFY)) {
        // Classifiers are scored on the [0,1] test pixels (grayscale), as the reference does.
        accuracy =
            Accuracy.of(model, Binarization.scaled(test), labels, test.count(), test.dim(), batch);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonObject o =
        rep == null
            ? new JsonObject()
            : ResultsReport.json(rep, bounds.seed, bounds.binarizeSeed, seconds);
    o.addProperty("precision", arithmetic.label());
    if (accuracy != null) {
      o.addProperty("accuracy", accuracy);
      if (rep == null) {
        o.addProperty("examples", labelsCount);
        o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
      }
    }
    if (surgeryReport != null) {
      o.add("surgery", ResultsReport.surgeryJson(surgeryReport));
    }
    if (json) {
      spec.commandLine().getOut().println(StrictJson.toJson(o));
    } else {
      if (arithmetic != Precision.FLOAT32) {
        spec.commandLine()
            .getOut()
            .println("precision: " + arithmetic.label() + " (the reference figures are float32)");
      }
      if (rep != null) {
        ResultsReport.table(
            spec.commandLine().getOut(),
            modelDir.toString(),
            data.examplesLabel(),
            rep,
            bounds.seed,
            bounds.binarizeSeed,
            seconds);
      }
      if (surgeryReport != null) {
        ResultsReport.surgeryTable(spec.commandLine().getOut(), surgeryReport);
      }
      if (accuracy != null) {
        spec.commandLine()
            .getOut()
            .printf(
                "%-12s %10.4f   (%d test images, [0,1] pixels)%n",
                "accuracy", accuracy, labelsCount);
      }
    }
    if (record) {
      ManifestRecorder.record(modelDir, o);
    }
    return 0;
  }

  private ProgressBar progress(int n, List<Integer> ms) {
    return ProgressBars.imageSamples("eval", ProgressBars.total(n, ms), quiet);
  }
}
