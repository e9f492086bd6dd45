package io.tfvae.tools;

import java.util.Arrays;

/**
 * The codes of a latent traversal, row-major (one row of the grid per latent variable or
 * dimension): how people read a latent space.
 */
final class LatentTraversal {
  private LatentTraversal() {}

  /**
   * Categorical codes: the image's most probable class of each variable, then, in row n, variable n
   * switched through its K classes.
   *
   * @param probabilities q(z_n = k | x) of one image, [N, K] row-major
   * @param variables N
   * @param classes K
   * @return {@code N * K} one-hot codes of width N·K, row n column k
   */
  static float[] categorical(float[] probabilities, int variables, int classes) {
    int width = variables * classes;
    int[] mode = new int[variables];
    for (int n = 0; n < variables; n++) {
      for (int k = 1; k < classes; k++) {
        if (probabilities[n * classes + k] > probabilities[n * classes + mode[n]]) {
          mode[n] = k;
        }
      }
    }
    float[] codes = new float[variables * classes * width];
    for (int n = 0; n < variables; n++) {
      for (int k = 0; k < classes; k++) {
        int row = (n * classes + k) * width;
        for (int v = 0; v < variables; v++) {
          codes[row + v * classes + (v == n ? k : mode[v])] = 1f;
        }
      }
    }
    return codes;
  }

  /**
   * Continuous codes: the image's posterior mean, then, in row d, dimension d swept over the
   * prior's quantiles at probabilities (j + 0.5) / cols, j = 0..cols-1, estimated from prior
   * samples.
   *
   * @param mean the posterior mean of one image, [Z]
   * @param priorSamples codes drawn from the prior, [S, Z] row-major
   * @param samples S
   * @param cols points per dimension
   * @return {@code Z * cols} codes of width Z, row d column j
   */
  static float[] continuous(float[] mean, float[] priorSamples, int samples, int cols) {
    int z = mean.length;
    float[] codes = new float[z * cols * z];
    float[] column = new float[samples];
    for (int d = 0; d < z; d++) {
      for (int s = 0; s < samples; s++) {
        column[s] = priorSamples[s * z + d];
      }
      Arrays.sort(column);
      for (int j = 0; j < cols; j++) {
        int at = (d * cols + j) * z;
        System.arraycopy(mean, 0, codes, at, z);
        int index = (int) Math.min(samples - 1, Math.floor((j + 0.5) / cols * samples));
        codes[at + d] = column[index];
      }
    }
    return codes;
  }
}
