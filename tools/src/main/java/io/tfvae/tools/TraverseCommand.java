package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae traverse}: one test image's code, each latent variable changed in turn and decoded.
 * A categorical model ({@code encode} gives {@code z_probabilities}) switches each variable through
 * its K classes (N rows × K columns); a Gaussian one ({@code z_mean}) sweeps each dimension over
 * its prior's quantiles, estimated from the model's own prior draws (Z rows × --cols columns); any
 * other family ({@code sample_posterior}) sweeps one draw of the image's code the same way.
 */
@Command(
    name = "traverse",
    mixinStandardHelpOptions = true,
    description = "A PNG grid of one image's code with each latent variable changed in turn.")
final class TraverseCommand implements Callable<Integer> {
  private static final int PRIOR_SAMPLES = 2000;

  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @Option(names = "--out", required = true, paramLabel = "PNG")
  Path out;

  @Option(
      names = "--index",
      defaultValue = "0",
      description = "test image (default ${DEFAULT-VALUE})")
  int index;

  @Option(
      names = "--cols",
      defaultValue = "9",
      description = "quantiles per dimension of a continuous code (default ${DEFAULT-VALUE})")
  int cols;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "seed of the prior draws (default ${DEFAULT-VALUE})")
  long seed;

  @CommandLine.Mixin DataOptions data = new DataOptions();

  @Option(
      names = "--scale",
      defaultValue = "1",
      description = "grid pixels per image pixel, 1..16 (default ${DEFAULT-VALUE})")
  int scale;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    OutputFile.check(out, modelDir, data);
    if (cols < 1 || cols > SampleCommand.MAX_SIDE) {
      throw new ToolException(
          "--cols: expected a number in 1.." + SampleCommand.MAX_SIDE + ", got " + cols);
    }
    try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
      JsonObject manifest = model.manifest();
      ImageSet test = data.testSet(manifest);
      if (index < 0 || index >= test.count()) {
        throw new ToolException("--index: expected 0.." + (test.count() - 1) + ", got " + index);
      }
      int dim = test.dim();
      float[] all = DataOptions.pixels(test, manifest, 0);
      float[] x = java.util.Arrays.copyOfRange(all, index * dim, (index + 1) * dim);
      int label = test.hasLabels() ? test.label(index) : 0;
      Map<String, float[]> code = call(model, Contract.ENCODE, Map.of(Contract.X, x), 1, label);
      SignatureDef encode = model.signature(Contract.ENCODE);
      float[] codes;
      int rows;
      int columns;
      if (code.containsKey(Contract.Z_PROBABILITIES)) {
        var shape = encode.getOutputsMap().get(Contract.Z_PROBABILITIES).getTensorShape();
        rows = (int) shape.getDim(1).getSize();
        columns = (int) shape.getDim(2).getSize();
        codes = LatentTraversal.categorical(code.get(Contract.Z_PROBABILITIES), rows, columns);
      } else if (code.containsKey(Contract.Z_MEAN)) {
        float[] mean = code.get(Contract.Z_MEAN);
        rows = mean.length;
        columns = cols;
        codes =
            LatentTraversal.continuous(
                mean, PriorCodes.draw(model, PRIOR_SAMPLES, label, seed), PRIOR_SAMPLES, cols);
      } else if (model.has(Contract.SAMPLE_POSTERIOR)) {
        // A family without a mean to start from (a flow, stochastic layers): one draw of the
        // image's code, swept dimension by dimension like a Gaussian's mean.
        float[] z = posteriorDraw(model, x, seed);
        rows = z.length;
        columns = cols;
        codes =
            LatentTraversal.continuous(
                z, PriorCodes.draw(model, PRIOR_SAMPLES, label, seed), PRIOR_SAMPLES, cols);
      } else {
        throw new ToolException(
            modelDir
                + ": signature 'encode' has neither z_probabilities nor z_mean, and there is no"
                + " sample_posterior");
      }
      int n = rows * columns;
      float[] pixels =
          call(model, Contract.DECODE, Map.of(Contract.Z, codes), n, label).get(Contract.X_MEAN);
      PngGrid.write(
          pixels, n, Picture.of(modelDir, manifest, pixels.length / n, scale), rows, columns, out);
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s (test image %d: %d latent variables x %d values)%n",
              out, index, rows, columns);
    }
    return 0;
  }

  /** One code z ~ q(z | x) of one image, from {@code sample_posterior} under (seed, 0). */
  private static float[] posteriorDraw(ModelHandle model, float[] x, long seed) {
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(1, x.length), DataBuffers.of(x, true, false));
        org.tensorflow.types.TInt64 st = org.tensorflow.types.TInt64.vectorOf(seed, 0);
        Result r =
            model.call(Contract.SAMPLE_POSTERIOR, Map.of(Contract.X, xt, Contract.SEED, st))) {
      TFloat32 z = (TFloat32) r.get(Contract.Z).orElseThrow();
      return Evaluator.read(r, Contract.Z, (int) z.shape().size());
    }
  }

  /** Calls a signature on one float input of rows rows, feeding one-hot labels where it takes y. */
  private static Map<String, float[]> call(
      ModelHandle model, String key, Map<String, float[]> input, int rows, int label) {
    Map.Entry<String, float[]> e = input.entrySet().iterator().next();
    Map<String, float[]> out = new HashMap<>();
    try (TFloat32 t =
            TFloat32.tensorOf(
                Shape.of(rows, e.getValue().length / rows),
                DataBuffers.of(e.getValue(), true, false));
        TFloat32 yt = PriorCodes.oneHotIfTaken(model, key, rows, label)) {
      Map<String, Tensor> in = new HashMap<>(Map.of(e.getKey(), t));
      if (yt != null) {
        in.put(Contract.Y, yt);
      }
      try (Result r = model.call(key, in)) {
        for (Map.Entry<String, Tensor> o : r) {
          TFloat32 v = (TFloat32) o.getValue();
          out.put(o.getKey(), Evaluator.read(r, o.getKey(), (int) v.shape().size()));
        }
      }
    }
    return out;
  }
}
