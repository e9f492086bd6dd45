package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussiansTest {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** log N(x; m, v) = -1/2 sum [log 2pi + log v + (x - m)^2 / v], computed in plain Java. */
  static double logNormal(double[] x, double[] m, double[] v, int row, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      int i = row * d + j;
      s += LOG_2PI + Math.log(v[i]) + (x[i] - m[i]) * (x[i] - m[i]) / v[i];
    }
    return -0.5 * s;
  }

  /** KL(N(mq,vq) || N(mp,vp)) = 1/2 sum [log vp/vq + (vq + (mq-mp)^2)/vp - 1]. */
  static double klNormal(double[] mq, double[] vq, double[] mp, double[] vp, int row, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      int i = row * d + j;
      s += Math.log(vp[i] / vq[i]) + (vq[i] + (mq[i] - mp[i]) * (mq[i] - mp[i])) / vp[i] - 1;
    }
    return 0.5 * s;
  }

  private static double[] normal(SplittableRandom r, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller
      a[i] =
          scale
              * Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
              * Math.cos(2 * Math.PI * r.nextDouble());
    }
    return a;
  }

  private static double[] positive(SplittableRandom r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = Math.exp(2 * r.nextDouble() - 1.5);
    }
    return a;
  }

  @Test
  void logNormalMatchesPlainJava() {
    SplittableRandom r = new SplittableRandom(1);
    int rows = 4, d = 5;
    double[] x = normal(r, rows * d, 2), m = normal(r, rows * d, 1), v = positive(r, rows * d);
    try (TestSession s = new TestSession()) {
      double[] got =
          s.evalF64(
              Gaussians.logNormal(s.tf, s.f64(x, rows, d), s.f64(m, rows, d), s.f64(v, rows, d)));
      for (int i = 0; i < rows; i++) {
        assertEquals(logNormal(x, m, v, i, d), got[i], 1e-12);
      }
      double[] std = s.evalF64(Gaussians.logStdNormal(s.tf, s.f64(x, rows, d)));
      double[] zeros = new double[rows * d];
      double[] ones = new double[rows * d];
      java.util.Arrays.fill(ones, 1);
      for (int i = 0; i < rows; i++) {
        assertEquals(logNormal(x, zeros, ones, i, d), std[i], 1e-12);
      }
    }
  }

  @Test
  void klMatchesPlainJavaIsNonNegativeAndZeroOnItself() {
    SplittableRandom r = new SplittableRandom(2);
    for (int[] shape : new int[][] {{1, 1}, {3, 4}, {8, 10}}) {
      int rows = shape[0], d = shape[1], n = rows * d;
      double[] mq = normal(r, n, 2), vq = positive(r, n), mp = normal(r, n, 1), vp = positive(r, n);
      try (TestSession s = new TestSession()) {
        var tf = s.tf;
        double[] kl =
            s.evalF64(
                Gaussians.klNormal(
                    tf,
                    s.f64(mq, rows, d),
                    s.f64(vq, rows, d),
                    s.f64(mp, rows, d),
                    s.f64(vp, rows, d)));
        double[] self =
            s.evalF64(
                Gaussians.klNormal(
                    tf,
                    s.f64(mq, rows, d),
                    s.f64(vq, rows, d),
                    s.f64(mq, rows, d),
                    s.f64(vq, rows, d)));
        double[] std = s.evalF64(Gaussians.klStdNormal(tf, s.f64(mq, rows, d), s.f64(vq, rows, d)));
        double[] zeros = new double[n];
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        for (int i = 0; i < rows; i++) {
          assertEquals(klNormal(mq, vq, mp, vp, i, d), kl[i], 1e-10);
          assertTrue(kl[i] >= 0, "KL must be >= 0, got " + kl[i]);
          assertEquals(0, self[i], 1e-12, "KL(q||q) = 0");
          assertEquals(klNormal(mq, vq, zeros, ones, i, d), std[i], 1e-10);
          assertTrue(std[i] >= 0);
        }
      }
    }
  }

  /** Each dimension's ½[σ² + μ² − 1 − log σ²] is ≥ 0, and the dimensions add up to the KL. */
  @Test
  void perDimensionKlIsNonNegativeAndSumsToTheKl() {
    SplittableRandom r = new SplittableRandom(5);
    float[] mean = new float[12];
    float[] variance = new float[12];
    for (int i = 0; i < 12; i++) {
      mean[i] = (float) (2 * r.nextDouble() - 1);
      variance[i] = (float) (0.05 + 2 * r.nextDouble());
    }
    try (TestSession s = new TestSession()) {
      var m = s.f32(mean, 3, 4);
      var v = s.f32(variance, 3, 4);
      float[] perDim = s.evalF32(Gaussians.klStdNormalPerDimension(s.tf, m, v));
      float[] total = s.evalF32(Gaussians.klStdNormal(s.tf, m, v));
      for (int row = 0; row < 3; row++) {
        double sum = 0;
        for (int j = 0; j < 4; j++) {
          int i = row * 4 + j;
          double expected = 0.5 * (variance[i] + mean[i] * mean[i] - 1 - Math.log(variance[i]));
          assertEquals(expected, perDim[i], 1e-5);
          assertTrue(perDim[i] >= 0);
          sum += perDim[i];
        }
        assertEquals(total[row], sum, 1e-5);
      }
    }
  }

  @Test
  void closedFormKlMatchesMonteCarloMeanOfLogRatio() {
    // KL(q||p) = E_q[log q(z) - log p(z)]; the sample mean of n draws has standard error
    // sd(log ratio)/sqrt(n): the test allows four of them.
    SplittableRandom r = new SplittableRandom(3);
    int d = 3, n = 200_000;
    double[] mq = {0.5, -1.0, 0.2},
        vq = {0.5, 2.0, 1.0},
        mp = {0.0, 0.3, -0.4},
        vp = {1.0, 1.5, 0.7};
    double sum = 0, sumSq = 0;
    for (int k = 0; k < n; k++) {
      double lr = 0;
      for (int j = 0; j < d; j++) {
        double z = mq[j] + Math.sqrt(vq[j]) * normal(r, 1, 1)[0];
        lr +=
            -0.5 * (Math.log(vq[j]) + (z - mq[j]) * (z - mq[j]) / vq[j])
                + 0.5 * (Math.log(vp[j]) + (z - mp[j]) * (z - mp[j]) / vp[j]);
      }
      sum += lr;
      sumSq += lr * lr;
    }
    double mean = sum / n;
    double se = Math.sqrt((sumSq / n - mean * mean) / n);
    try (TestSession s = new TestSession()) {
      double kl =
          s.evalF64(
                  Gaussians.klNormal(
                      s.tf, s.f64(mq, 1, d), s.f64(vq, 1, d), s.f64(mp, 1, d), s.f64(vp, 1, d)))[0];
      assertEquals(mean, kl, 4 * se, "closed form vs Monte Carlo (se " + se + ")");
    }
  }
}
