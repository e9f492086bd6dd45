package io.tfvae.data;

import java.util.SplittableRandom;

/**
 * The fixed binarization of an evaluation set (evaluation-protocol contract).
 *
 * <p>Rule: one {@code java.util.SplittableRandom(seed)} walks all pixels of all images in order
 * (image 0 pixel 0, image 0 pixel 1, ..., image 1 pixel 0, ...). Pixel i of image j becomes 1 when
 * {@code random.nextDouble() < (byte & 0xff) / 255.0}, else 0. So a pixel of value 0 is always 0, a
 * pixel of value 255 always 1, and the result depends only on the seed and the file.
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
