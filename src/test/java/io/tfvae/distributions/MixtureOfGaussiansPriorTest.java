package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class MixtureOfGaussiansPriorTest {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** log N(x; m, v) for one point, summed over d: the plain-Java twin. */
  static double logNormal(double[] x, double[] m, double[] v) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += LOG_2PI + Math.log(v[j]) + (x[j] - m[j]) * (x[j] - m[j]) / v[j];
    }
    return -0.5 * s;
  }

  /** log (1/k) sum_c exp(l_c), max-shifted: the reference for the mixture density. */
  static double logMeanExp(double[] l) {
    double max = Double.NEGATIVE_INFINITY;
    for (double a : l) {
      max = Math.max(max, a);
    }
    double s = 0;
    for (double a : l) {
      s += Math.exp(a - max);
    }
    return max + Math.log(s / l.length);
  }

  @Test
  void pairwiseLogNormalMatchesPlainJava() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 5, k = 3, d = 4;
    double[] x = new double[n * d], m = new double[k * d], v = new double[k * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 * (r.nextDouble() - 0.5);
    }
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextDouble() - 0.5;
      v[i] = 0.2 + r.nextDouble();
    }
    try (TestSession s = new TestSession()) {
      double[] got =
          s.evalF64(
              Gaussians.logNormalPairwise(s.tf, s.f64(x, n, d), s.f64(m, k, d), s.f64(v, k, d)));
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double want = logNormal(slice(x, i, d), slice(m, c, d), slice(v, c, d));
          assertEquals(want, got[i * k + c], 1e-10, "point " + i + " component " + c);
        }
      }
    }
  }

  private static double[] slice(double[] a, int row, int d) {
    return java.util.Arrays.copyOfRange(a, row * d, (row + 1) * d);
  }

  /** Mixture parameters [2k, z] written into the prior's variable, then log p(z) vs plain Java. */
  private static float[] logProb(float[] mixture, int k, int z, float[] points, long... shape) {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      MixtureOfGaussiansPrior p = new MixtureOfGaussiansPrior(Parameters.initialized(tf, 0), k, z);
      // Feed the variable's value directly: the run uses the given parameters.
      Operand<TFloat32> lp = p.logProb(tf, s.f32(points, shape));
      s.session().initialize();
      var runner = s.session().runner();
      try (TFloat32 params =
              TFloat32.tensorOf(
                  org.tensorflow.ndarray.Shape.of(2L * k, z),
                  org.tensorflow.ndarray.buffer.DataBuffers.of(mixture, true, false));
          var res = runner.feed("prior.mixture", params).fetch(lp).run()) {
        TFloat32 t = (TFloat32) res.get(0);
        float[] out = new float[(int) t.shape().size()];
        t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private static double softplus(double h) {
    return Math.log1p(Math.exp(h)) + 1e-8;
  }

  @Test
  void mixtureDensityMatchesPlainJavaEvenWhereNaiveSummationUnderflows() {
    int k = 3, z = 2;
    // Means far apart with small variances: at z = (40, -40) every component density is below
    // exp(-1000), so exp() of each underflows to 0 in float and double alike.
    float[] mixture = {0, 0, 5, 5, -3, 2, /* pre-softplus variances */ -2, -2, -1, -3, 0, -1};
    float[] points = {40, -40, 0.1f, 0.2f, 5, 4.5f, -3, 2};
    float[] got = logProb(mixture, k, z, points, 4, 2);
    for (int i = 0; i < 4; i++) {
      double[] comps = new double[k];
      for (int c = 0; c < k; c++) {
        double[] m = {mixture[c * z], mixture[c * z + 1]};
        double[] v = {softplus(mixture[(k + c) * z]), softplus(mixture[(k + c) * z + 1])};
        comps[c] = logNormal(new double[] {points[i * z], points[i * z + 1]}, m, v);
      }
      double want = logMeanExp(comps);
      assertEquals(want, got[i], 1e-4 * Math.max(1, Math.abs(want)), "point " + i);
      assertTrue(Double.isFinite(got[i]));
    }
    double naive = 0;
    for (int c = 0; c < k; c++) {
      naive +=
          Math.exp(
              logNormal(
                  new double[] {40, -40},
                  new double[] {mixture[c * z], mixture[c * z + 1]},
                  new double[] {
                    softplus(mixture[(k + c) * z]), softplus(mixture[(k + c) * z + 1])
                  }));
    }
    assertEquals(0.0, naive, "the naive sum underflows here");
    assertTrue(got[0] < -1000);
  }

  @Test
  void oneComponentMixtureIsTheGaussianDensity() {
    float[] mixture = {0.3f, -0.7f, 0.4f, -1.2f};
    float[] points = {1, 2, -0.5f, 0.25f, 0, 0};
    float[] got = logProb(mixture, 1, 2, points, 3, 2);
    for (int i = 0; i < 3; i++) {
      double want =
          logNormal(
              new double[] {points[2 * i], points[2 * i + 1]},
              new double[] {0.3, -0.7},
              new double[] {softplus(0.4), softplus(-1.2)});
      assertEquals(want, got[i], 1e-5);
    }
  }

  @Test
  void keepsTheLeadingShapeOfIwaeSamples() {
    try (TestSession s = new TestSession()) {
      MixtureOfGaussiansPrior p =
          new MixtureOfGaussiansPrior(Parameters.initialized(s.tf, 1), 7, 3);
      Operand<TFloat32> z =
          s.tf.random.statelessRandomNormal(
              s.tf.constant(new int[] {4, 5, 3}), s.tf.constant(new long[] {1, 1}));
      s.session().initialize();
      Operand<TFloat32> lp = p.logProb(s.tf, z);
      try (var r = s.session().runner().fetch(lp).run()) {
        assertEquals(org.tensorflow.ndarray.Shape.of(4, 5), r.get(0).shape());
      }
    }
  }

  @Test
  void samplesComeFromTheComponentsAndAreRepeatable() {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      MixtureOfGaussiansPrior p = new MixtureOfGaussiansPrior(Parameters.initialized(tf, 2), 4, 2);
      Operand<TFloat32> a = p.sample(tf, tf.constant(2000), tf.constant(new long[] {3, 4}));
      Operand<TFloat32> b = p.sample(tf, tf.constant(2000), tf.constant(new long[] {3, 4}));
      DiagonalGaussian c = p.components(tf);
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(a, b, c.mean(), c.variance()));
      assertEquals(4000, v.get(0).length);
      assertTrue(java.util.Arrays.equals(v.get(0), v.get(1)), "same seed, same samples");
      // The sample mean of a uniform mixture is the mean of the component means; standard error
      // from the mixture's variance (within-component plus between-component).
      for (int j = 0; j < 2; j++) {
        double mu = 0, second = 0;
        for (int comp = 0; comp < 4; comp++) {
          double m = v.get(2)[comp * 2 + j];
          mu += m / 4;
          second += (v.get(3)[comp * 2 + j] + m * m) / 4;
        }
        double var = second - mu * mu;
        double mean = 0;
        for (int i = 0; i < 2000; i++) {
          mean += v.get(0)[i * 2 + j] / 2000.0;
        }
        assertEquals(mu, mean, 4 * Math.sqrt(var / 2000), "coordinate " + j);
      }
    }
  }
}
