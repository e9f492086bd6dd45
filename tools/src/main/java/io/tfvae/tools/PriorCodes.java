package io.tfvae.tools;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Codes drawn from a model's own prior, through the {@code z} output of its {@code sample}
 * signature (seed (seed, 0)); the tool never assumes the prior is N(0, I).
 */
final class PriorCodes {
  private PriorCodes() {}

  /**
   * Draws n codes.
   *
   * @param model the model
   * @param n how many
   * @param label the label fed where {@code sample} takes y (the codes do not depend on it)
   * @param seed the seed
   * @return the codes, row-major {@code n * Z}
   */
  static float[] draw(ModelHandle model, int n, int label, long seed) {
    if (!model.signature(Contract.SAMPLE).getOutputsMap().containsKey(Contract.Z)) {
      throw new ToolException(
          model.dir()
              + ": signature 'sample' has no output 'z' (the prior's codes); export it again with this version");
    }
    try (TInt32 nt = TInt32.scalarOf(n);
        TInt64 st = TInt64.vectorOf(seed, 0);
        TFloat32 yt = oneHotIfTaken(model, Contract.SAMPLE, n, label)) {
      Map<String, Tensor> in = new HashMap<>(Map.of(Contract.N, nt, Contract.SEED, st));
      if (yt != null) {
        in.put(Contract.Y, yt);
      }
      try (Result r = model.call(Contract.SAMPLE, in)) {
        return Evaluator.read(r, Contract.Z, (int) r.get(Contract.Z).orElseThrow().shape().size());
      }
    }
  }

  /**
   * Rows of one one-hot label, where a signature takes {@code y}.
   *
   * @param model the model
   * @param key the signature
   * @param rows how many rows
   * @param label the label
   * @return {@code [rows, C]} one-hot, or null when the signature takes no labels
   */
  static TFloat32 oneHotIfTaken(ModelHandle model, String key, int rows, int label) {
    var y = model.signature(key).getInputsMap().get(Contract.Y);
    if (y == null) {
      return null;
    }
    int classes = (int) y.getTensorShape().getDim(1).getSize();
    float[] v = new float[rows * classes];
    for (int i = 0; i < rows; i++) {
      v[i * classes + label] = 1f;
    }
    return TFloat32.tensorOf(Shape.of(rows, classes), DataBuffers.of(v, true, false));
  }
}
