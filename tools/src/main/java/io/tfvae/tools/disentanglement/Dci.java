package io.tfvae.tools.disentanglement;

import java.util.SplittableRandom;

/**
 * Disentanglement, completeness and informativeness (Eastwood and Williams 2018, "A Framework for
 * the Quantitative Evaluation of Disentangled Representations"), as disentanglement_lib's {@code
 * dci.py}: one tree classifier per factor predicts the factor from all codes; its feature
 * importances form column k of the importance matrix R [Z][K]. disentanglement_lib's classifier is
 * scikit-learn's gradient-boosted trees; here it is a CART tree with Gini importances (Eastwood and
 * Williams used random forests), because the only permissive pure-Java boosted trees at hand give
 * wrong importances: see {@code Classifiers.decisionTree}.
 *
 * <ul>
 *   <li>disentanglement: Σ_j ρ_j (1 − H_K(P_j·)), P_jk = R_jk / Σ_k R_jk, ρ_j = Σ_k R_jk / Σ R
 *   <li>completeness: Σ_k ρ_k (1 − H_Z(P̃_·k)), P̃_jk = R_jk / Σ_j R_jk, ρ_k = Σ_j R_jk / Σ R
 *   <li>informativeness: the classifiers' mean accuracy on the training and the test points
 * </ul>
 *
 * H_b is the entropy in base b; as disentanglement_lib, 1e-11 is added to every R_jk inside H.
 */
public final class Dci {

  /**
   * The protocol's counts.
   *
   * @param numTrain training points (disentanglement_lib: 10,000)
   * @param numTest test points (5,000)
   * @param batchSize points per sampling batch (16)
   */
  public record Settings(int numTrain, int numTest, int batchSize) {
    /** disentanglement_lib's {@code dci.gin}. */
    public static final Settings DEFAULT = new Settings(10_000, 5_000, 16);
  }

  /**
   * The scores.
   *
   * @param disentanglement in [0, 1]
   * @param completeness in [0, 1]
   * @param informativenessTrain mean accuracy on the training points
   * @param informativenessTest mean accuracy on the test points
   * @param importance R [Z][K]
   */
  public record Result(
      double disentanglement,
      double completeness,
      double informativenessTrain,
      double informativenessTest,
      double[][] importance) {}

  private Dci() {}

  /** DCI of the representation: training points, then test points, from one generator. */
  public static Result compute(
      GroundTruth data, Representation representation, Settings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    FactorCodes train =
        FactorCodes.sample(data, representation, settings.numTrain(), settings.batchSize(), random);
    FactorCodes test =
        FactorCodes.sample(data, representation, settings.numTest(), settings.batchSize(), random);
    return dci(train, test);
  }

  /** DCI from sampled training and test points. */
  public static Result dci(FactorCodes train, FactorCodes test) {
    double[][] xTrain = byPoint(train.codes());
    double[][] xTest = byPoint(test.codes());
    int z = train.codes().length;
    int k = train.factors().length;
    double[][] r = new double[z][k];
    double accTrain = 0;
    double accTest = 0;
    for (int f = 0; f < k; f++) {
      Classifiers.Tree tree = Classifiers.decisionTree(xTrain, train.factors()[f]);
      for (int j = 0; j < z; j++) {
        r[j][f] = tree.importance()[j];
      }
      accTrain += tree.model().accuracy(xTrain, train.factors()[f]);
      accTest += tree.model().accuracy(xTest, test.factors()[f]);
    }
    return new Result(disentanglement(r), completeness(r), accTrain / k, accTest / k, r);
  }

  /** Σ_j ρ_j (1 − H_K(R_j· + 1e-11)); with an all-zero R, ρ_j = 1/Z. */
  public static double disentanglement(double[][] r) {
    int z = r.length;
    int k = r[0].length;
    double total = sum(r);
    double score = 0;
    for (int j = 0; j < z; j++) {
      double[] row = new double[k];
      double rowSum = 0;
      for (int f = 0; f < k; f++) {
        row[f] = r[j][f] + 1e-11;
        rowSum += r[j][f];
      }
      double rho = total == 0 ? 1.0 / z : rowSum / total;
      score += rho * (1 - Information.entropy(row, k));
    }
    return score;
  }

  /** Σ_k ρ_k (1 − H_Z(R_·k + 1e-11)); with an all-zero R, ρ_k = 1/K. */
  public static double completeness(double[][] r) {
    int z = r.length;
    int k = r[0].length;
    double total = sum(r);
    double score = 0;
    for (int f = 0; f < k; f++) {
      double[] col = new double[z];
      double colSum = 0;
      for (int j = 0; j < z; j++) {
        col[j] = r[j][f] + 1e-11;
        colSum += r[j][f];
      }
      double rho = total == 0 ? 1.0 / k : colSum / total;
      score += rho * (1 - Information.entropy(col, z));
    }
    return score;
  }

  private static double sum(double[][] r) {
    double s = 0;
    for (double[] row : r) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  /** [Z][n] → [n][Z]. */
  static double[][] byPoint(double[][] codes) {
    int n = codes[0].length;
    double[][] x = new double[n][codes.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < codes.length; j++) {
        x[i][j] = codes[j][i];
      }
    }
    return x;
  }
}
