package io.tfvae.tools;

import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

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
    int classes = (int) sig.getInputsMap().get(Contract.Y).getTensorShape().getDim(1).getSize();
    int z = (int) sig.getInputsMap().get(Contract.Z).getTensorShape().getDim(1).getSize();
    float[] codes = PriorCodes.draw(model, cols, 0, seed);
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
        Result res =
            model.call(Contract.SAMPLE_CONDITIONAL, Map.of(Contract.Y, yt, Contract.Z, zt))) {
      return Evaluator.read(res, Contract.X_MEAN, n * d);
    }
  }

  /** The width of a signature's {@code x_mean} output. */
  static int outputWidth(ModelHandle model, String key) {
    var xMean = model.signature(key).getOutputsMap().get(Contract.X_MEAN);
    return (int) xMean.getTensorShape().getDim(1).getSize();
  }
}
