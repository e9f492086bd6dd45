package io.tfvae.tools.disentanglement;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The separated attribute predictability score (Kumar et al. 2018, "Variational Inference of
 * Disentangled Latent Concepts from Unlabeled Observations", Section 3), as disentanglement_lib's
 * {@code sap_score.py} with discrete factors: S_jk is the test accuracy of a linear SVM (C = 0.01,
 * balanced class weights) predicting factor k from code j alone, and SAP = (1/K) Σ_k (S_(1)k −
 * S_(2)k), the gap between the two best codes of each factor.
 */
public final class Sap {

  /**
   * The protocol's counts.
   *
   * @param numTrain training points (disentanglement_lib: 10,000)
   * @param numTest test points (5,000)
   * @param batchSize points per sampling batch (16)
   */
  public record Settings(int numTrain, int numTest, int batchSize) {
    /** disentanglement_lib's {@code sap_score.gin} ({@code continuous_factors = False}). */
    public static final Settings DEFAULT = new Settings(10_000, 5_000, 16);
  }

  private Sap() {}

  /** SAP of the representation: training points, then test points, from one generator. */
  public static double compute(
      GroundTruth data, Representation representation, Settings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    FactorCodes train =
        FactorCodes.sample(data, representation, settings.numTrain(), settings.batchSize(), random);
    FactorCodes test =
        FactorCodes.sample(data, representation, settings.numTest(), settings.batchSize(), random);
    return sapOfScores(scoreMatrix(train, test));
  }

  /** S [Z][K]: test accuracy of one linear SVM per (code, factor) pair. */
  public static double[][] scoreMatrix(FactorCodes train, FactorCodes test) {
    int z = train.codes().length;
    int k = train.factors().length;
    double[][] s = new double[z][k];
    for (int j = 0; j < z; j++) {
      double[][] x = column(train.codes()[j]);
      double[][] xTest = column(test.codes()[j]);
      for (int f = 0; f < k; f++) {
        s[j][f] =
            Classifiers.linearSvcBalanced(x, train.factors()[f]).accuracy(xTest, test.factors()[f]);
      }
    }
    return s;
  }

  /** (1/K) Σ_k (largest − second largest S_jk over j). */
  public static double sapOfScores(double[][] s) {
    if (s.length < 2) {
      throw new IllegalArgumentException("SAP needs at least 2 codes, got " + s.length);
    }
    int k = s[0].length;
    double sum = 0;
    for (int f = 0; f < k; f++) {
      double[] col = new double[s.length];
      for (int j = 0; j < s.length; j++) {
        col[j] = s[j][f];
      }
      Arrays.sort(col);
      sum += col[col.length - 1] - col[col.length - 2];
    }
    return sum / k;
  }

  private static double[][] column(double[] v) {
    double[][] x = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      x[i][0] = v[i];
    }
    return x;
  }
}
