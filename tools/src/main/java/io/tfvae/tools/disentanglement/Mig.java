package io.tfvae.tools.disentanglement;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The mutual information gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs", eq.
 * 6), as disentanglement_lib's {@code mig.py}: MIG = (1/K) Σ_k (I(z_(1); v_k) − I(z_(2); v_k)) /
 * H(v_k), where z_(1) and z_(2) are the codes with the largest and second-largest mutual
 * information with factor v_k, after each code is discretized into 20 equal-width bins.
 */
public final class Mig {

  /**
   * The protocol's counts.
   *
   * @param numTrain points sampled (disentanglement_lib: 10,000)
   * @param batchSize points per sampling batch (16)
   * @param bins histogram bins per code (20)
   */
  public record Settings(int numTrain, int batchSize, int bins) {
    /** disentanglement_lib's {@code mig.gin}. */
    public static final Settings DEFAULT = new Settings(10_000, 16, 20);
  }

  private Mig() {}

  /** MIG of the representation, from {@code new SplittableRandom(seed)}. */
  public static double compute(
      GroundTruth data, Representation representation, Settings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    FactorCodes train =
        FactorCodes.sample(data, representation, settings.numTrain(), settings.batchSize(), random);
    return mig(train, settings.bins());
  }

  /** MIG of sampled codes, each code discretized into {@code bins} bins. */
  public static double mig(FactorCodes points, int bins) {
    int[][] discrete = new int[points.codes().length][];
    for (int j = 0; j < discrete.length; j++) {
      discrete[j] = Information.histogramDiscretize(points.codes()[j], bins);
    }
    return migOfDiscrete(discrete, points.factors());
  }

  /**
   * MIG of discrete codes [Z][n] and factors [K][n].
   *
   * @throws IllegalArgumentException with fewer than 2 codes, or a factor of zero entropy
   */
  public static double migOfDiscrete(int[][] codes, int[][] factors) {
    if (codes.length < 2) {
      throw new IllegalArgumentException(
          "MIG needs at least 2 codes (the gap between the top two), got " + codes.length);
    }
    double sum = 0;
    for (int k = 0; k < factors.length; k++) {
      double[] m = new double[codes.length];
      for (int j = 0; j < codes.length; j++) {
        m[j] = Information.mutualInformation(factors[k], codes[j]);
      }
      Arrays.sort(m);
      double h = Information.entropy(factors[k]);
      if (h == 0) {
        throw new IllegalArgumentException(
            "factor " + k + " takes one value in every sampled point; MIG divides by its entropy");
      }
      sum += (m[m.length - 1] - m[m.length - 2]) / h;
    }
    return sum / factors.length;
  }
}
