package io.tfvae.tools;

import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A labels × codes grid of a conditional model: codes z_j drawn from the model's own prior (the
 * {@code z} output of its {@code sample} signature, seed (seed, 0)), each decoded under every label
 * by {@code sample_conditional}. Every label decodes the same codes, so labels are compared on
 * equal terms.
 */
final class ConditionalSampler {
  private ConditionalSampler() {}

  /**
   * The decoder means of the grid: row i is label i, column j code z_j.
   *
   * @param model a conditional SavedModel ({@code sample} with output z, {@code
   *     sample_conditional})
   * @param cols codes per label
   * @param seed seed of the codes
   * @return {@code classes * cols * D} values, row-major
   */
  static float[] perClass(ModelHandle model, int cols, long seed) {
    var sig = model.signature(Contract.SAMPLE_CONDITIONAL);
    int classes = (int) sig.getInputsMap().get("y").getTensorShape().getDim(1).getSize();
    int z = (int) sig.getInputsMap().get("z").getTensorShape().getDim(1).getSize();
    float[] codes = priorCodes(model, cols, z, classes, seed);
    int n = classes * cols;
    float[] y = new float[n * classes];
    float[] zz = new float[n * z];
    for (int row = 0; row < classes; row++) {
      for (int col = 0; col < cols; col++) {
        int k = row * cols + col;
        y[k * classes + row] = 1f;
        System.arraycopy(codes, col * z, zz, k * z, z);
      }
    }
    int d = outputWidth(model, Contract.SAMPLE_CONDITIONAL);
    try (TFloat32 yt = TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false));
        TFloat32 zt = TFloat32.tensorOf(Shape.of(n, z), DataBuffers.of(zz, true, false));
        Result res = model.call(Contract.SAMPLE_CONDITIONAL, Map.of("y", yt, "z", zt))) {
      return Evaluator.read(res, "x_mean", n * d);
    }
  }

  /**
   * n codes from the prior through {@code sample} (labels, where it takes them, are all 0: z does
   * not depend on them).
   */
  private static float[] priorCodes(ModelHandle model, int n, int z, int classes, long seed) {
    var sample = model.signature(Contract.SAMPLE);
    if (!sample.getOutputsMap().containsKey("z")) {
      throw new ToolException(
          model.dir()
              + ": signature 'sample' has no output 'z' (the prior's codes); export it again with this version");
    }
    boolean takesLabels = sample.getInputsMap().containsKey("y");
    float[] y = new float[n * classes];
    for (int i = 0; takesLabels && i < n; i++) {
      y[i * classes] = 1f;
    }
    try (TInt32 nt = TInt32.scalarOf(n);
        TInt64 st = TInt64.vectorOf(seed, 0);
        TFloat32 yt =
            takesLabels
                ? TFloat32.tensorOf(Shape.of(n, classes), DataBuffers.of(y, true, false))
                : null) {
      Map<String, Tensor> in = new java.util.HashMap<>(Map.of("n", nt, "seed", st));
      if (yt != null) {
        in.put("y", yt);
      }
      try (Result r = model.call(Contract.SAMPLE, in)) {
        return Evaluator.read(r, "z", n * z);
      }
    }
  }

  /** The width of a signature's {@code x_mean} output. */
  static int outputWidth(ModelHandle model, String key) {
    return (int)
        model.signature(key).getOutputsMap().get("x_mean").getTensorShape().getDim(1).getSize();
  }
}
