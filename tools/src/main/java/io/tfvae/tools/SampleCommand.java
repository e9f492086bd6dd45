package io.tfvae.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorflow.Result;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tfvae sample}: a PNG grid of samples from the model's prior, or per label. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "A PNG grid of prior samples (decoder means).")
final class SampleCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @Option(names = "--out", required = true, paramLabel = "PNG")
  Path out;

  @Option(names = "--rows", defaultValue = "10")
  int rows;

  @Option(names = "--cols", defaultValue = "20")
  int cols;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(
      names = "--per-class",
      description = "conditional models: row i has label i, column j shares one z from the prior")
  boolean perClass;

  @Option(
      names = "--scale",
      defaultValue = "1",
      description = "grid pixels per image pixel, 1..16 (default ${DEFAULT-VALUE})")
  int scale;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The most rows or columns of a grid. */
  static final int MAX_SIDE = 1000;

  /** The most samples in one grid (all are drawn in one call). */
  static final int MAX_SAMPLES = 10_000;

  @Override
  public Integer call() throws IOException {
    OutputFile.check(out, modelDir, null);
    if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
      throw new ToolException(
          "--rows and --cols: expected numbers in 1.."
              + MAX_SIDE
              + ", got "
              + rows
              + " and "
              + cols);
    }
    if (rows * cols > MAX_SAMPLES) {
      throw new ToolException(
          "--rows x --cols: expected at most "
              + MAX_SAMPLES
              + " samples in one grid, got "
              + rows
              + " x "
              + cols);
    }
    int n = rows * cols;
    if (perClass) {
      try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
        int d = ConditionalSampler.outputWidth(model, Contract.SAMPLE_CONDITIONAL);
        float[] pixels = ConditionalSampler.perClass(model, cols, seed);
        int classes = pixels.length / (cols * d);
        PngGrid.write(
            pixels,
            classes * cols,
            Picture.of(modelDir, model.manifest(), d, scale),
            classes,
            cols,
            out);
        spec.commandLine()
            .getOut()
            .println("wrote " + out + " (" + classes + " labels x " + cols + " shared codes)");
      }
      return 0;
    }
    try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
      int dim =
          (int)
              model
                  .signature(Contract.SAMPLE)
                  .getOutputsMap()
                  .get(Contract.X_MEAN)
                  .getTensorShape()
                  .getDim(1)
                  .getSize();
      float[] pixels;
      try (TInt32 nt = TInt32.scalarOf(n);
          TInt64 st = TInt64.vectorOf(seed, 0);
          Result r = model.call(Contract.SAMPLE, Map.of(Contract.N, nt, Contract.SEED, st))) {
        pixels = Evaluator.read(r, Contract.X_MEAN, n * dim);
      }
      PngGrid.write(pixels, n, Picture.of(modelDir, model.manifest(), dim, scale), rows, cols, out);
    }
    spec.commandLine().getOut().println("wrote " + out + " (" + rows + "x" + cols + " samples)");
    return 0;
  }
}
