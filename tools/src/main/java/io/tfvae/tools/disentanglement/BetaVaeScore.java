package io.tfvae.tools.disentanglement;

import java.util.SplittableRandom;

/**
 * The BetaVAE score (Higgins et al. 2017, "beta-VAE: Learning Basic Visual Concepts with a
 * Constrained Variational Framework", Section 3), as disentanglement_lib's {@code beta_vae.py}: a
 * point picks a factor k uniformly, draws two batches of factors that agree on k only, and its
 * feature is the mean over the batch of |z(x¹) − z(x²)|, per code; a logistic regression predicts k
 * from the feature, and the score is its accuracy on points it was not trained on.
 */
public final class BetaVaeScore {

  /**
   * The protocol's counts.
   *
   * @param batchSize pairs of observations per point (disentanglement_lib: 64)
   * @param numTrain training points (10,000)
   * @param numEval evaluation points (5,000)
   */
  public record Settings(int batchSize, int numTrain, int numEval) {
    /** disentanglement_lib's {@code beta_vae_sklearn.gin}. */
    public static final Settings DEFAULT = new Settings(64, 10_000, 5_000);
  }

  /**
   * The scores.
   *
   * @param trainAccuracy accuracy on the training points
   * @param evalAccuracy accuracy on the evaluation points: the BetaVAE score
   */
  public record Result(double trainAccuracy, double evalAccuracy) {}

  private BetaVaeScore() {}

  /** The score of the representation: training points, then evaluation points. */
  public static Result compute(
      GroundTruth data, Representation representation, Settings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] yTrain = new int[settings.numTrain()];
    double[][] xTrain = points(data, representation, settings, settings.numTrain(), yTrain, random);
    Classifiers.Fitted model = Classifiers.logisticRegression(xTrain, yTrain);
    int[] yEval = new int[settings.numEval()];
    double[][] xEval = points(data, representation, settings, settings.numEval(), yEval, random);
    return new Result(model.accuracy(xTrain, yTrain), model.accuracy(xEval, yEval));
  }

  private static double[][] points(
      GroundTruth data,
      Representation representation,
      Settings settings,
      int n,
      int[] labels,
      SplittableRandom random) {
    FactorCodes.checkPositive("num_points", n);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      // disentanglement_lib's draw order: k, factors¹, factors², observations¹, observations².
      int k = random.nextInt(data.factors());
      int[][] f1 = data.sampleFactors(settings.batchSize(), random);
      int[][] f2 = data.sampleFactors(settings.batchSize(), random);
      for (int b = 0; b < f2.length; b++) {
        f2[b][k] = f1[b][k];
      }
      float[] x1 = data.observations(f1, random);
      float[] x2 = data.observations(f2, random);
      double[][] z1 = FactorCodes.encode(representation, x1, f1.length);
      double[][] z2 = FactorCodes.encode(representation, x2, f2.length);
      x[i] = meanAbsoluteDifference(z1, z2);
      labels[i] = k;
    }
    return x;
  }

  /** (1/B) Σ_b |z¹_b − z²_b|, per code. */
  static double[] meanAbsoluteDifference(double[][] z1, double[][] z2) {
    double[] d = new double[z1[0].length];
    for (int b = 0; b < z1.length; b++) {
      for (int j = 0; j < d.length; j++) {
        d[j] += Math.abs(z1[b][j] - z2[b][j]);
      }
    }
    for (int j = 0; j < d.length; j++) {
      d[j] /= z1.length;
    }
    return d;
  }
}
