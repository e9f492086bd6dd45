package io.tfvae.tools.disentanglement;

import java.util.SplittableRandom;

/**
 * The FactorVAE score (Kim and Mnih 2018, "Disentangling by Factorising", Section 4), as
 * disentanglement_lib's {@code factor_vae.py}. Each code is scaled by its standard deviation over
 * {@code numVarianceEstimate} observations; codes whose standard deviation is below 0.05 are
 * pruned. A point picks a factor k uniformly, draws a batch with factor k fixed (to the first row's
 * value), and votes for the active code of least variance relative to its global variance. A
 * majority-vote classifier maps each code to the factor it most often won (ties: the lowest
 * factor), and the score is the fraction of evaluation votes it gets right. Chance level is the
 * largest factor frequency, 1/K for K equally likely factors.
 *
 * <p>As in disentanglement_lib, a vote's code index counts among the active codes only (the index
 * into the pruned list), and the score is 0 when no code is active.
 */
public final class FactorVaeScore {

  /**
   * The protocol's counts.
   *
   * @param batchSize observations per point (disentanglement_lib: 64)
   * @param numTrain training points (10,000)
   * @param numEval evaluation points (5,000)
   * @param numVarianceEstimate observations for the global variances (10,000)
   * @param pruneThreshold least standard deviation of an active code (0.05)
   */
  public record Settings(
      int batchSize, int numTrain, int numEval, int numVarianceEstimate, double pruneThreshold) {
    /** disentanglement_lib's {@code factor_vae_metric.gin}. */
    public static final Settings DEFAULT = new Settings(64, 10_000, 5_000, 10_000, 0.05);
  }

  /**
   * The scores.
   *
   * @param trainAccuracy majority-vote accuracy on the training votes
   * @param evalAccuracy accuracy on the evaluation votes: the FactorVAE score
   * @param activeCodes codes whose standard deviation reaches the threshold
   */
  public record Result(double trainAccuracy, double evalAccuracy, int activeCodes) {}

  /** disentanglement_lib's batch size for encoding the variance-estimate observations. */
  static final int EVAL_BATCH_SIZE = 64;

  private FactorVaeScore() {}

  /**
   * The score of the representation. Draw order: the variance-estimate factors (all at once), their
   * observations (batch by batch of 64), then per training and then evaluation point: k, the batch
   * of factors, its observations.
   */
  public static Result compute(
      GroundTruth data, Representation representation, Settings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] f = data.sampleFactors(settings.numVarianceEstimate(), random);
    double[] globalVariance =
        variances(FactorCodes.encodeInBatches(data, representation, f, EVAL_BATCH_SIZE, random));
    int z = globalVariance.length;
    int[] active = new int[z];
    int nActive = 0;
    for (int j = 0; j < z; j++) {
      if (Math.sqrt(globalVariance[j]) >= settings.pruneThreshold()) {
        active[nActive++] = j;
      }
    }
    if (nActive == 0) {
      return new Result(0, 0, 0);
    }
    int[] activeCodes = java.util.Arrays.copyOf(active, nActive);
    long[][] trainVotes =
        votes(
            data,
            representation,
            settings,
            settings.numTrain(),
            globalVariance,
            activeCodes,
            random);
    int[] classifier = majority(trainVotes);
    long[][] evalVotes =
        votes(
            data,
            representation,
            settings,
            settings.numEval(),
            globalVariance,
            activeCodes,
            random);
    return new Result(accuracy(trainVotes, classifier), accuracy(evalVotes, classifier), nActive);
  }

  private static long[][] votes(
      GroundTruth data,
      Representation representation,
      Settings settings,
      int n,
      double[] globalVariance,
      int[] active,
      SplittableRandom random) {
    long[][] votes = new long[data.factors()][globalVariance.length];
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(data.factors());
      int[][] f = data.sampleFactors(settings.batchSize(), random);
      for (int b = 0; b < f.length; b++) {
        f[b][k] = f[0][k];
      }
      double[][] z = FactorCodes.encode(representation, data.observations(f, random), f.length);
      double[] local = variances(z);
      int argmin = 0;
      for (int a = 1; a < active.length; a++) {
        if (local[active[a]] / globalVariance[active[a]]
            < local[active[argmin]] / globalVariance[active[argmin]]) {
          argmin = a;
        }
      }
      votes[k][argmin]++;
    }
    return votes;
  }

  /** For each code column, the factor with the most votes (the first on ties), as np.argmax. */
  static int[] majority(long[][] votes) {
    int[] c = new int[votes[0].length];
    for (int j = 0; j < c.length; j++) {
      for (int k = 1; k < votes.length; k++) {
        if (votes[k][j] > votes[c[j]][j]) {
          c[j] = k;
        }
      }
    }
    return c;
  }

  /** Σ_j votes[classifier_j][j] / Σ votes. */
  static double accuracy(long[][] votes, int[] classifier) {
    long right = 0;
    long total = 0;
    for (int j = 0; j < classifier.length; j++) {
      right += votes[classifier[j]][j];
      for (long[] row : votes) {
        total += row[j];
      }
    }
    return (double) right / total;
  }

  /** Per-code sample variance with ddof 1 of codes [n][Z]. */
  static double[] variances(double[][] z) {
    int d = z[0].length;
    double[] mean = new double[d];
    for (double[] row : z) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= z.length;
    }
    double[] var = new double[d];
    for (double[] row : z) {
      for (int j = 0; j < d; j++) {
        double e = row[j] - mean[j];
        var[j] += e * e;
      }
    }
    for (int j = 0; j < d; j++) {
      var[j] /= z.length - 1;
    }
    return var;
  }
}
