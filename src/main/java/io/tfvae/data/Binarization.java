package io.tfvae.data;

import java.util.SplittableRandom;

/**
 * The fixed binarization of an evaluation set (evaluation-protocol contract), and the dynamic one
 * of a training step ({@link #dynamic}).
 *
 * <p>The fixed rule: one {@code java.util.SplittableRandom(seed)} walks all pixels of all images in
 * order (image 0 pixel 0, image 0 pixel 1, ..., image 1 pixel 0, ...). Pixel i of image j becomes 1
 * when {@code random.nextDouble() < (byte & 0xff) / 255.0}, else 0. So a pixel of value 0 is always
 * 0, a pixel of value 255 always 1, and the result depends only on the seed and the file.
 */
public final class Binarization {
  private Binarization() {}

  /**
   * Binarizes every image of a set with the fixed rule.
   *
   * @param images the set
   * @param seed the binarization seed (the evaluation default is 0)
   * @return {@code count * dim} values, each 0 or 1
   */
  public static float[] fixed(ImageSet images, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] p = images.pixels();
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = random.nextDouble() < (p[i] & 0xff) / 255.0 ? 1f : 0f;
    }
    return out;
  }

  /**
   * The fixed rule on values already in [0, 1] (a float32 file): the same walk of one {@code
   * SplittableRandom(seed)} over every value in order, 1 where the draw is below the value.
   *
   * @param values {@code count * dim} values in [0, 1]
   * @param seed the binarization seed
   * @return the values, each 0 or 1
   */
  public static float[] fixed(float[] values, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = random.nextDouble() < values[i] ? 1f : 0f;
    }
    return out;
  }

  /**
   * The training step's binarization (dynamic binarization): x = 1 where u &lt; p, with u the
   * uniform draw TensorFlow's {@code StatelessRandomUniform} makes under the step's key for the
   * global batch, [global rows, dim], of which these are rows [firstRow, firstRow + rows). Pixels
   * of 0 and 1 need no draw (u is in [0, 1)), so only the groups of four holding a grey pixel are
   * computed.
   *
   * @param p [0,1] values of the rows, row-major; replaced by 0/1 values
   * @param dim values per row
   * @param firstRow the first row's place in the global batch
   * @param draw the step's uniform draw
   */
  public static void dynamic(float[] p, int dim, long firstRow, StatelessUniform draw) {
    long offset = firstRow * dim;
    float[] group = new float[4];
    long cached = -1;
    for (int i = 0; i < p.length; i++) {
      float v = p[i];
      if (v == 0f || v == 1f) {
        continue;
      }
      long index = offset + i;
      if (index >>> 2 != cached) {
        cached = index >>> 2;
        draw.group(cached, group);
      }
      p[i] = group[(int) (index & 3)] < v ? 1f : 0f;
    }
  }

  /**
   * Scales every image to [0,1] without binarizing (for grayscale evaluation).
   *
   * @param images the set
   * @return {@code count * dim} values in [0,1]
   */
  public static float[] scaled(ImageSet images) {
    byte[] p = images.pixels();
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (p[i] & 0xff) / 255f;
    }
    return out;
  }
}
