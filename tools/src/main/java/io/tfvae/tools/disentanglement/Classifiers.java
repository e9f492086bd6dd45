package io.tfvae.tools.disentanglement;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;
import java.util.TreeMap;
import smile.classification.DecisionTree;

/**
 * The classifiers disentanglement_lib takes from scikit-learn, with scikit-learn's settings: two
 * through liblinear-java (the solver that scikit-learn's liblinear estimators wrap), and a
 * classification tree through Smile 1.5.3 in place of gradient-boosted trees (see {@link
 * #decisionTree}). Rows of x are points, columns features.
 */
final class Classifiers {

  /** liblinear's seed for its coordinate-descent permutations; fixed, so a fit repeats. */
  static final long LIBLINEAR_SEED = 0;

  private Classifiers() {}

  /** A fitted classifier. */
  interface Fitted {
    /** The predicted label of one point. */
    int predict(double[] x);

    /** The fraction of points whose label is predicted. */
    default double accuracy(double[][] x, int[] y) {
      int right = 0;
      for (int i = 0; i < x.length; i++) {
        if (predict(x[i]) == y[i]) {
          right++;
        }
      }
      return (double) right / x.length;
    }
  }

  /**
   * scikit-learn's {@code LogisticRegression()} as of 0.20 (solver liblinear, one-vs-rest, L2, C =
   * 1, tol = 1e-4, max_iter = 100, intercept as a regularized bias feature of value 1): liblinear
   * L2R_LR.
   */
  static Fitted logisticRegression(double[][] x, int[] y) {
    Parameter p = new Parameter(SolverType.L2R_LR, 1.0, 1e-4);
    p.setMaxIters(100);
    return liblinear(x, y, p);
  }

  /**
   * scikit-learn's {@code LinearSVC(C=0.01, class_weight="balanced")} (squared hinge, dual, tol =
   * 1e-4, max_iter = 1000, one-vs-rest, bias feature 1): liblinear L2R_L2LOSS_SVC_DUAL, class c
   * weighted n / (classes · n_c).
   */
  static Fitted linearSvcBalanced(double[][] x, int[] y) {
    Parameter p = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, 0.01, 1e-4);
    p.setMaxIters(1000);
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (int v : y) {
      counts.merge(v, 1, Integer::sum);
    }
    double[] weights = new double[counts.size()];
    int[] labels = new int[counts.size()];
    int c = 0;
    for (var e : counts.entrySet()) {
      labels[c] = e.getKey();
      weights[c] = (double) y.length / (counts.size() * e.getValue());
      c++;
    }
    p.setWeights(weights, labels);
    return liblinear(x, y, p);
  }

  private static Fitted liblinear(double[][] x, int[] y, Parameter p) {
    Linear.disableDebugOutput();
    p.setRandom(new Random(LIBLINEAR_SEED));
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = x[0].length + 1;
    problem.bias = 1;
    problem.x = new Feature[x.length][];
    problem.y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      problem.x[i] = features(x[i], problem.bias);
      problem.y[i] = y[i];
    }
    if (new java.util.HashSet<>(java.util.Arrays.stream(y).boxed().toList()).size() < 2) {
      int only = y[0];
      return row -> only;
    }
    Model model = Linear.train(problem, p);
    return row -> (int) Linear.predict(model, features(row, 1));
  }

  /** Dense features 1..d, then the bias feature d + 1. */
  private static Feature[] features(double[] row, double bias) {
    Feature[] f = new Feature[row.length + 1];
    for (int j = 0; j < row.length; j++) {
      f[j] = new FeatureNode(j + 1, row[j]);
    }
    f[row.length] = new FeatureNode(row.length + 1, bias);
    return f;
  }

  /** A tree classifier with its feature importances, summing to 1. */
  record Tree(Fitted model, double[] importance) {}

  /**
   * A CART classification tree on Smile's {@code DecisionTree}: Gini impurity, every feature tried
   * at every split (no randomness), grown until its leaves are pure or hold one point (at most as
   * many leaves as points). Importance: each feature's total Gini decrease over the tree's splits,
   * weighted by the points reaching them (Smile's {@code importance()}), normalized to sum 1, as
   * scikit-learn's {@code DecisionTreeClassifier.feature_importances_}; all zeros when the tree
   * does not split.
   *
   * <p>disentanglement_lib uses {@code GradientBoostingClassifier()} here. The boosted trees of
   * Smile 1.5.3 ({@code GradientTreeBoost}) cannot stand in: their importance adds n·(mean² − leaf
   * value²) at every node, so a feature that never separates anything gets credit (on y = code 0,
   * one tree credits codes 1 and 2 with more than code 0).
   */
  static Tree decisionTree(double[][] x, int[] y) {
    // Smile needs labels 0..k-1, each present.
    TreeMap<Integer, Integer> index = new TreeMap<>();
    for (int v : y) {
      index.putIfAbsent(v, 0);
    }
    if (index.size() < 2) {
      throw new IllegalArgumentException(
          "a tree classifier needs at least 2 classes, the training points have only "
              + index.firstKey()
              + "; sample more points");
    }
    int[] labels = new int[index.size()];
    int c = 0;
    for (var e : index.entrySet()) {
      e.setValue(c);
      labels[c++] = e.getKey();
    }
    int[] yi = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      yi[i] = index.get(y[i]);
    }
    DecisionTree tree = new DecisionTree(x, yi, Math.max(2, x.length));
    double[] imp = tree.importance().clone();
    double sum = 0;
    for (double v : imp) {
      sum += Math.abs(v);
    }
    for (int j = 0; j < imp.length; j++) {
      imp[j] = sum > 0 ? Math.abs(imp[j]) / sum : 0;
    }
    return new Tree(row -> labels[tree.predict(row)], imp);
  }
}
