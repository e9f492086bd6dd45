package io.tfvae.tools;

import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * Classification through a model's {@code classify} signature: the most probable class, and
 * accuracy.
 */
final class Accuracy {
  private Accuracy() {}

  /**
   * The fraction of images whose most probable class is their label.
   *
   * @param model a SavedModel with {@code classify}
   * @param x {@code n * dim} pixels
   * @param labels n labels
   * @param n images
   * @param dim pixels per image
   * @param batch images per call
   * @return the accuracy
   */
  static double of(ModelHandle model, float[] x, int[] labels, int n, int dim, int batch) {
    long width = model.inputWidth(Contract.CLASSIFY, Contract.X);
    if (width > 0 && width != dim) {
      throw new ToolException(
          model.dir()
              + ": the classifier takes inputs of "
              + width
              + " values but the images have "
              + dim);
    }
    long correct = 0;
    for (int start = 0; start < n; start += batch) {
      int size = Math.min(batch, n - start);
      int[] predicted = classify(model, x, start, size, dim);
      for (int i = 0; i < size; i++) {
        correct += predicted[i] == labels[start + i] ? 1 : 0;
      }
    }
    return (double) correct / n;
  }

  /** The most probable class of rows start..start+size of x under {@code classify}. */
  static int[] classify(ModelHandle model, float[] x, int start, int size, int dim) {
    try (TFloat32 xt = Evaluator.slice(x, start, size, dim);
        Result r = model.call(Contract.CLASSIFY, Map.of(Contract.X, xt))) {
      var t =
          r.get(Contract.PROBABILITIES)
              .orElseThrow(() -> new ToolException("classify: no 'probabilities' output"));
      int classes = (int) (t.shape().size() / size);
      return argmax(Evaluator.read(r, Contract.PROBABILITIES, size * classes), size, classes);
    }
  }

  /**
   * Row-wise argmax; the first of equal maxima wins.
   *
   * @param p {@code rows * classes} values
   * @param rows rows
   * @param classes columns
   * @return the index of each row's maximum
   */
  static int[] argmax(float[] p, int rows, int classes) {
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int c = 1; c < classes; c++) {
        if (p[i * classes + c] > p[i * classes + out[i]]) {
          out[i] = c;
        }
      }
    }
    return out;
  }
}
