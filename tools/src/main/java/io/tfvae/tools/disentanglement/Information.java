package io.tfvae.tools.disentanglement;

/**
 * Discrete information measures in nats, and the histogram discretization MIG applies to codes
 * (disentanglement_lib {@code utils.py}).
 */
public final class Information {

  private Information() {}

  /**
   * disentanglement_lib's {@code _histogram_discretize} of one code: {@code np.digitize(x,
   * np.histogram(x, bins)[1][:-1])}. The edges are e_j = min + j·(max − min)/bins, j = 0..bins−1
   * (numpy's {@code linspace}; min − 0.5 and max + 0.5 when all values are equal), and x maps to
   * the number of edges ≤ x, a value in 1..bins.
   */
  public static int[] histogramDiscretize(double[] x, int bins) {
    FactorCodes.checkPositive("num_bins", bins);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min == max) {
      min -= 0.5;
      max += 0.5;
    }
    double step = (max - min) / bins;
    double[] edges = new double[bins];
    for (int j = 0; j < bins; j++) {
      edges[j] = j * step + min;
    }
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = 0;
      while (c < bins && edges[c] <= x[i]) {
        c++;
      }
      out[i] = c;
    }
    return out;
  }

  /**
   * I(a; b) = Σ_ij p_ij log(p_ij / (p_i p_j)) in nats, from the contingency table of two label
   * arrays, as scikit-learn's {@code mutual_info_score}; clipped at 0 against rounding.
   */
  public static double mutualInformation(int[] a, int[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException(
          "mutual information needs two label arrays of one non-zero length, got "
              + a.length
              + " and "
              + b.length);
    }
    int[] ia = relabel(a);
    int[] ib = relabel(b);
    int na = max(ia) + 1;
    int nb = max(ib) + 1;
    long[][] n = new long[na][nb];
    long[] rowSum = new long[na];
    long[] colSum = new long[nb];
    for (int i = 0; i < ia.length; i++) {
      n[ia[i]][ib[i]]++;
      rowSum[ia[i]]++;
      colSum[ib[i]]++;
    }
    double total = a.length;
    double mi = 0;
    for (int i = 0; i < na; i++) {
      for (int j = 0; j < nb; j++) {
        if (n[i][j] > 0) {
          double pij = n[i][j] / total;
          mi += pij * Math.log(n[i][j] * total / ((double) rowSum[i] * colSum[j]));
        }
      }
    }
    return Math.max(mi, 0.0);
  }

  /** H(a) = −Σ_i p_i log p_i in nats; disentanglement_lib computes it as I(a; a). */
  public static double entropy(int[] a) {
    return mutualInformation(a, a);
  }

  /** scipy's {@code entropy(p, base)}: p normalized to sum 1, then −Σ p_i log p_i / log base. */
  static double entropy(double[] p, int base) {
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    double h = 0;
    for (double v : p) {
      double q = v / sum;
      if (q > 0) {
        h -= q * Math.log(q);
      }
    }
    return h / Math.log(base);
  }

  /** Maps labels to 0..m−1 in order of first appearance. */
  private static int[] relabel(int[] a) {
    java.util.HashMap<Integer, Integer> ids = new java.util.HashMap<>();
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = ids.computeIfAbsent(a[i], k -> ids.size());
    }
    return out;
  }

  private static int max(int[] a) {
    int m = 0;
    for (int v : a) {
      m = Math.max(m, v);
    }
    return m;
  }
}
