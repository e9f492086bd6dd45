package io.tfvae.tools.disentanglement;

import java.util.SplittableRandom;

/**
 * A data set generated from discrete factors of variation, as disentanglement_lib's {@code
 * GroundTruthData}: {@link #sampleFactors} is its {@code sample_factors} and {@link #observations}
 * its {@code sample_observations_from_factors}. Factor k takes the values 0, ..., factorSize(k) −
 * 1. A factor that never varies (dSprites' colour) is left out, as disentanglement_lib's {@code
 * latent_factor_indices} does, since the metrics divide by its entropy.
 */
public interface GroundTruth {

  /** The number K of factors of variation. */
  int factors();

  /** The number of values factor k takes. */
  int factorSize(int k);

  /** Factor k's name, for reports (dSprites: shape, scale, orientation, posX, posY). */
  String factorName(int k);

  /** The number of values of one observation (4096 for a 64 × 64 grey dSprites image). */
  int observationSize();

  /**
   * Draws n factor vectors, uniformly and independently per factor: row i, then factor k within the
   * row, each one {@code random.nextInt(factorSize(k))}.
   *
   * @return factors [n][K]
   */
  default int[][] sampleFactors(int n, SplittableRandom random) {
    int[][] f = new int[n][factors()];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < factors(); k++) {
        f[i][k] = random.nextInt(factorSize(k));
      }
    }
    return f;
  }

  /**
   * The observations of the given factor vectors, row-major: values [i·observationSize(), (i +
   * 1)·observationSize()) belong to row i. A data set without observation noise ignores {@code
   * random}; one with noise draws it row by row from {@code random}.
   */
  float[] observations(int[][] factors, SplittableRandom random);
}
