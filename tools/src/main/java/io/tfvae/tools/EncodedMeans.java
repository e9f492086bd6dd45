package io.tfvae.tools;

import io.tfvae.tools.disentanglement.Representation;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel's posterior means through its {@code encode} signature ({@code z_mean}): the
 * representation the disentanglement metrics score, with nothing of the model's code.
 */
final class EncodedMeans implements Representation {
  private final ModelHandle model;
  private final int width;

  EncodedMeans(ModelHandle model) {
    this.model = model;
    var outputs = model.signature(Contract.ENCODE).getOutputsMap();
    if (!outputs.containsKey(Contract.Z_MEAN)) {
      throw new ToolException(
          model.dir()
              + ": its encode signature gives no z_mean (posterior means), which the"
              + " disentanglement metrics score; it gives "
              + outputs.keySet());
    }
    this.width = (int) outputs.get(Contract.Z_MEAN).getTensorShape().getDim(1).getSize();
  }

  /** {@return the code's width Z} */
  int width() {
    return width;
  }

  @Override
  public float[][] encode(float[] observations, int n) {
    int d = observations.length / n;
    float[] flat;
    try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, d), DataBuffers.of(observations, true, false));
        Result r = model.call(Contract.ENCODE, Map.<String, Tensor>of(Contract.X, x))) {
      flat = Evaluator.read(r, Contract.Z_MEAN, n * width);
    }
    float[][] codes = new float[n][width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * width, codes[i], 0, width);
    }
    return codes;
  }
}
