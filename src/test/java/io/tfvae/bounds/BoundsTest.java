package io.tfvae.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.distributions.Gaussians;
import io.tfvae.testing.TestSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class BoundsTest {
  @Test
  void logMeanExpMatchesPlainJavaWhereNaiveExpOverflows() {
    // Column j of a [3, 2] matrix: log mean exp over axis 0.
    double[] a = {1000, -3, 1001, -1, 999, -2};
    try (TestSession s = new TestSession()) {
      double[] got = s.evalF64(Bounds.logMeanExp(s.tf, s.f64(a, 3, 2), 0));
      for (int j = 0; j < 2; j++) {
        double max = Math.max(a[j], Math.max(a[2 + j], a[4 + j]));
        double sum = Math.exp(a[j] - max) + Math.exp(a[2 + j] - max) + Math.exp(a[4 + j] - max);
        assertEquals(max + Math.log(sum / 3), got[j], 1e-9);
      }
      assertTrue(Double.isInfinite(Math.exp(1000.0)), "the naive formula would overflow here");
      // Axis 1 as well.
      double[] rows = s.evalF64(Bounds.logMeanExp(s.tf, s.f64(a, 3, 2), 1));
      assertEquals(1000 + Math.log((1 + Math.exp(-1003)) / 2), rows[0], 1e-9);
    }
  }

  /**
   * Conjugate model z ~ N(0,1), x|z ~ N(z,1), so log p(x) = log N(x; 0, 2) exactly. With an inexact
   * q(z|x) = N(0.4x + 0.3, 0.8), the mean of -IWAE_k over many draws must not increase with k and
   * must approach -log p(x) (Burda et al. 2016, Theorem 1).
   */
  @Test
  void iwaeOfConjugateGaussianIsMonotoneAndApproachesExactLogLikelihood() {
    float x = 1.3f;
    double exact = -(-0.5 * (Math.log(2 * Math.PI * 2) + x * x / 2));
    int reps = 400;
    int[] ks = {1, 10, 100, 1000};
    double[] means = new double[ks.length];
    double[] ses = new double[ks.length];
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      for (int i = 0; i < ks.length; i++) {
        int k = ks[i];
        // eps: [k, reps, 1]; each column is one independent IWAE_k estimate.
        Operand<TFloat32> eps =
            tf.random.statelessRandomNormal(
                tf.constant(new int[] {k, reps, 1}), tf.constant(new long[] {11, k}));
        Operand<TFloat32> mean = tf.constant(0.4f * x + 0.3f);
        Operand<TFloat32> var = tf.constant(0.8f);
        Operand<TFloat32> z = tf.math.add(mean, tf.math.mul(tf.math.sqrt(var), eps));
        Operand<TFloat32> xs = tf.fill(tf.constant(new int[] {k, reps, 1}), tf.constant(x));
        Operand<TFloat32> logPxGivenZ = Gaussians.logNormal(tf, xs, z, tf.onesLike(z));
        Operand<TFloat32> logPz = Gaussians.logStdNormal(tf, z);
        Operand<TFloat32> logQ =
            Gaussians.logNormal(tf, z, tf.fill(tf.shape(z), mean), tf.fill(tf.shape(z), var));
        float[] v = s.evalF32(Bounds.negativeIwae(tf, logPxGivenZ, logPz, logQ));
        double sum = 0, sq = 0;
        for (float f : v) {
          sum += f;
          sq += (double) f * f;
        }
        means[i] = sum / reps;
        ses[i] = Math.sqrt(Math.max(0, sq / reps - means[i] * means[i]) / reps);
      }
    }
    for (int i = 0; i < ks.length; i++) {
      assertTrue(means[i] >= exact - 3 * ses[i] - 1e-4, "a bound: -IWAE_k >= -log p(x)");
      if (i > 0) {
        // Non-increasing in expectation: allow three standard errors of the difference.
        double tol = 3 * Math.hypot(ses[i], ses[i - 1]);
        assertTrue(
            means[i] <= means[i - 1] + tol, "k=" + ks[i] + ": " + means[i] + " > " + means[i - 1]);
      }
    }
    assertTrue(means[0] - exact > 0.05, "q is inexact, so the ELBO gap is visible at k=1");
    assertEquals(exact, means[3], Math.max(0.01, 4 * ses[3]), "k=1000 approaches log p(x)");
  }

  @Test
  void negativeIwaeAveragesSamplesOfEachImageNotAcrossImages() {
    // Two images with very different log-weights: grouping along axis 0 keeps them apart.
    try (TestSession s = new TestSession()) {
      float[] logPx = {-10, -100, -12, -102}; // [m=2, batch=2]
      Operand<TFloat32> zero = s.tf.zeros(s.tf.constant(new int[] {2, 2}), TFloat32.class);
      float[] v = s.evalF32(Bounds.negativeIwae(s.tf, s.f32(logPx, 2, 2), zero, zero));
      assertEquals(-(Math.log((Math.exp(-10) + Math.exp(-12)) / 2)), v[0], 1e-4);
      assertEquals(-(Math.log((Math.exp(-100) + Math.exp(-102)) / 2)), v[1], 1e-4);
    }
  }

  @Test
  void negativeElboWeightsTheKlByBeta() {
    try (TestSession s = new TestSession()) {
      NegativeElbo t =
          Bounds.negativeElbo(
              s.tf, s.f32(new float[] {-80, -90}, 2), s.f32(new float[] {20, 10}, 2), 0.5f);
      List<float[]> v = s.evalF32(List.of(t.nelbo(), t.kl(), t.rec()));
      assertEquals(90f, v.get(0)[0], 1e-5);
      assertEquals(95f, v.get(0)[1], 1e-5);
      assertEquals(80f, v.get(2)[0], 1e-5);
      assertEquals(10f, v.get(1)[1], 1e-5);
    }
  }
}
