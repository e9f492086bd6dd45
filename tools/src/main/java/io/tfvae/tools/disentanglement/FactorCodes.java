package io.tfvae.tools.disentanglement;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Factors and codes of the same points, stored by dimension: {@code codes[j][i]} is code j of point
 * i and {@code factors[k][i]} factor k of point i, as disentanglement_lib's {@code
 * generate_batch_factor_code} returns them (transposed).
 *
 * @param codes [Z][n]
 * @param factors [K][n]
 */
public record FactorCodes(double[][] codes, int[][] factors) {

  /** The number of points n. */
  public int points() {
    return factors[0].length;
  }

  /**
   * disentanglement_lib's {@code generate_batch_factor_code}: batches of {@code batchSize} points
   * (the last one smaller), each drawing its factors ({@link GroundTruth#sampleFactors}), then its
   * observations ({@link GroundTruth#observations}) from {@code random}, and encoding them.
   */
  public static FactorCodes sample(
      GroundTruth data,
      Representation representation,
      int n,
      int batchSize,
      SplittableRandom random) {
    checkPositive("num_points", n);
    checkPositive("batch_size", batchSize);
    double[][] codes = null;
    int[][] factors = new int[data.factors()][n];
    for (int start = 0; start < n; start += batchSize) {
      int m = Math.min(batchSize, n - start);
      int[][] f = data.sampleFactors(m, random);
      double[][] z = encode(representation, data.observations(f, random), m);
      if (codes == null) {
        codes = new double[z[0].length][n];
      }
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < factors.length; k++) {
          factors[k][start + i] = f[i][k];
        }
        if (z[i].length != codes.length) {
          throw new IllegalArgumentException(
              "the representation gave codes of "
                  + z[i].length
                  + " and "
                  + codes.length
                  + " values");
        }
        for (int j = 0; j < codes.length; j++) {
          codes[j][start + i] = z[i][j];
        }
      }
    }
    return new FactorCodes(codes, factors);
  }

  /**
   * Encodes the observations of the given factors in batches of {@code batchSize}, as
   * disentanglement_lib's {@code obtain_representation}; each batch's observations are drawn just
   * before it is encoded.
   *
   * @return codes [n][Z]
   */
  static double[][] encodeInBatches(
      GroundTruth data,
      Representation representation,
      int[][] factors,
      int batchSize,
      SplittableRandom random) {
    double[][] out = new double[factors.length][];
    for (int start = 0; start < factors.length; start += batchSize) {
      int m = Math.min(batchSize, factors.length - start);
      int[][] f = Arrays.copyOfRange(factors, start, start + m);
      double[][] z = encode(representation, data.observations(f, random), m);
      System.arraycopy(z, 0, out, start, m);
    }
    return out;
  }

  /** Calls the representation and widens its codes to double, checking their shape. */
  static double[][] encode(Representation representation, float[] observations, int n) {
    float[][] z = representation.encode(observations, n);
    if (z.length != n) {
      throw new IllegalArgumentException(
          "the representation gave " + z.length + " codes for " + n + " observations");
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new double[z[i].length];
      for (int j = 0; j < z[i].length; j++) {
        out[i][j] = z[i][j];
      }
    }
    return out;
  }

  static void checkPositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
