package io.tfvae.tools.disentanglement;

import java.util.SplittableRandom;

/**
 * A ground truth whose observations are its factors (3 factors of 2, 3 and 4 values, as floats),
 * and three representations of it: the identity, independent Gaussian noise, and a 45° rotation of
 * the first two factors.
 */
final class Synthetic implements GroundTruth {

  static final int[] SIZES = {2, 3, 4};

  @Override
  public int factors() {
    return SIZES.length;
  }

  @Override
  public int factorSize(int k) {
    return SIZES[k];
  }

  @Override
  public String factorName(int k) {
    return "v" + k;
  }

  @Override
  public int observationSize() {
    return SIZES.length;
  }

  @Override
  public float[] observations(int[][] factors, SplittableRandom random) {
    float[] x = new float[factors.length * SIZES.length];
    for (int i = 0; i < factors.length; i++) {
      for (int k = 0; k < SIZES.length; k++) {
        x[i * SIZES.length + k] = factors[i][k];
      }
    }
    return x;
  }

  /** z = v. */
  static float[][] identity(float[] x, int n) {
    float[][] z = new float[n][SIZES.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * SIZES.length, z[i], 0, SIZES.length);
    }
    return z;
  }

  /** z ~ N(0, I) of 3 codes, independent of x, from its own generator. */
  static Representation noise(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return (x, n) -> {
      float[][] z = new float[n][SIZES.length];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < SIZES.length; j++) {
          z[i][j] = (float) gaussian(random);
        }
      }
      return z;
    };
  }

  /** z = ((v0 + v1)/√2, (v0 − v1)/√2, v2): each of the first two codes mixes two factors. */
  static float[][] rotation(float[] x, int n) {
    float[][] z = identity(x, n);
    double s = Math.sqrt(0.5);
    for (float[] row : z) {
      float a = row[0];
      float b = row[1];
      row[0] = (float) (s * (a + b));
      row[1] = (float) (s * (a - b));
    }
    return z;
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
