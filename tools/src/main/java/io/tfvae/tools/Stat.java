package io.tfvae.tools;

/** Mean and standard error of a stream of per-example values, accumulated in double. */
final class Stat {
  private long n;
  private double mean;
  private double m2;
  private double[] values = new double[64];

  /** Adds one value (Welford's update), and keeps it for paired comparisons. */
  void add(double x) {
    if (n == values.length) {
      values = java.util.Arrays.copyOf(values, values.length * 2);
    }
    values[(int) n] = x;
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }

  /** The values in the order they were added. */
  double[] values() {
    return java.util.Arrays.copyOf(values, (int) n);
  }

  /**
   * The mean of a − b over paired values and its standard error, sd(a_i − b_i) / sqrt(n): the error
   * of a difference measured on the same images with the same noise seeds, smaller than either
   * error alone when the two move together.
   *
   * @param a per-example values
   * @param b per-example values of the same examples
   * @return the differences' statistics
   */
  static Stat difference(Stat a, Stat b) {
    if (a.n != b.n) {
      throw new IllegalArgumentException("paired statistics need equal counts");
    }
    Stat d = new Stat();
    for (int i = 0; i < a.n; i++) {
      d.add(a.values[i] - b.values[i]);
    }
    return d;
  }

  long count() {
    return n;
  }

  double mean() {
    return mean;
  }

  /** Standard error of the mean: sample standard deviation / sqrt(n). */
  double standardError() {
    return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1) / n);
  }
}
