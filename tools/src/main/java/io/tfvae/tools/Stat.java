package io.tfvae.tools;

/** Mean and standard error of a stream of per-example values, accumulated in double. */
final class Stat {
  private long n;
  private double mean;
  private double m2;

  /** Adds one value (Welford's update). */
  void add(double x) {
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
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
