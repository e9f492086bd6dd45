package io.tfvae.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** DIP-VAE, the capacity objective and the MMD objectives against computations by hand. */
class DisentanglingObjectivesTest {
  private static final float[] MEANS = {0f, 1f, -1f, 0.5f, 2f, -0.5f};
  private static final float[] VARIANCES = {0.5f, 1f, 0.25f, 2f, 1f, 0.5f};
  private static final float[] CODES = {0.3f, 0.7f, -1.2f, 1.5f, 1.8f, -0.1f};

  /** Cov of the means over the batch (1/M, as disentanglement_lib), by hand. */
  private static double[][] covarianceOfMeans() {
    double[] mean = new double[2];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 2; k++) {
        mean[k] += MEANS[2 * i + k] / 3.0;
      }
    }
    double[][] cov = new double[2][2];
    for (int i = 0; i < 3; i++) {
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          cov[a][b] += (MEANS[2 * i + a] - mean[a]) * (MEANS[2 * i + b] - mean[b]) / 3.0;
        }
      }
    }
    return cov;
  }

  private static double penalty(double[][] c, double od, double d) {
    return od * (c[0][1] * c[0][1] + c[1][0] * c[1][0])
        + d * ((c[0][0] - 1) * (c[0][0] - 1) + (c[1][1] - 1) * (c[1][1] - 1));
  }

  @Test
  void dipVaePenalisesTheCovarianceOfTheMeansOrOfTheAggregatePosterior() {
    double[][] one = covarianceOfMeans();
    double[][] two = {
      {one[0][0] + (0.5 + 0.25 + 1) / 3, one[0][1]}, {one[1][0], one[1][1] + (1 + 2 + 0.5) / 3}
    };
    for (DipVae.Kind kind : DipVae.Kind.values()) {
      try (TestSession s = new TestSession()) {
        GaussianStep step = new GaussianStep(s, 3, 2, MEANS, VARIANCES, CODES, 100);
        ObjectiveValue v = new DipVae(kind, 10f, 5f).loss(s.tf, step, s.tf.constant(0L));
        List<float[]> got = s.evalF32(List.of(v.loss(), v.metrics().get("dip"), step.nelbo()));
        double expected = penalty(kind == DipVae.Kind.I ? one : two, 10, 5);
        assertEquals(expected, got.get(1)[0], 1e-4 * expected, kind + " penalty");
        double elbo = (got.get(2)[0] + got.get(2)[1] + got.get(2)[2]) / 3;
        assertEquals(elbo + expected, got.get(0)[0], 1e-3, kind + " loss");
      }
    }
  }

  @Test
  void capacityHoldsTheKlNearALinearlyGrowingTarget() {
    Capacity c = new Capacity(1000f, 25f, 100_000);
    for (long step : new long[] {0, 40_000, 100_000, 300_000}) {
      try (TestSession s = new TestSession()) {
        GaussianStep g = new GaussianStep(s, 3, 2, MEANS, VARIANCES, CODES, 100);
        ObjectiveValue v = c.loss(s.tf, g, s.tf.constant(step));
        List<float[]> got =
            s.evalF32(List.of(v.loss(), v.metrics().get("capacity"), g.rec(), g.kl()));
        double capacity = 25.0 * Math.min(1.0, step / 100_000.0);
        double rec = (got.get(2)[0] + got.get(2)[1] + got.get(2)[2]) / 3;
        double kl = (got.get(3)[0] + got.get(3)[1] + got.get(3)[2]) / 3;
        assertEquals(capacity, got.get(1)[0], 1e-4, "C(" + step + ")");
        assertEquals(rec + 1000 * Math.abs(kl - capacity), got.get(0)[0], 1e-2, "at " + step);
      }
    }
  }

  /** The unbiased MMD² with the inverse multiquadratic kernel C/(C + ‖x − y‖²), by hand. */
  private static double mmdByHand(float[] a, float[] b, int m, int d, double c, boolean rbf) {
    double within = 0;
    double across = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double aa = 0;
        double bb = 0;
        double ab = 0;
        for (int k = 0; k < d; k++) {
          aa += Math.pow(a[i * d + k] - a[j * d + k], 2);
          bb += Math.pow(b[i * d + k] - b[j * d + k], 2);
          ab += Math.pow(a[i * d + k] - b[j * d + k], 2);
        }
        if (i != j) {
          within += kernel(aa, c, rbf) + kernel(bb, c, rbf);
        }
        across += kernel(ab, c, rbf);
      }
    }
    return within / (m * (m - 1.0)) - 2 * across / ((double) m * m);
  }

  private static double kernel(double distance2, double c, boolean rbf) {
    return rbf ? Math.exp(-distance2 / c) : c / (c + distance2);
  }

  private static float[] normals(Random r, int n, double shift) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (shift + r.nextGaussian());
    }
    return x;
  }

  /** A step whose prior draws are given. */
  private static GaussianStep withPrior(TestSession s, float[] codes, float[] prior, int m, int d) {
    float[] ones = new float[m * d];
    java.util.Arrays.fill(ones, 1f);
    return new GaussianStep(s, m, d, codes, ones, codes, 100) {
      @Override
      public Operand<TFloat32> priorSamples() {
        return s.f32(prior, m, d);
      }
    };
  }

  @Test
  void theMmdIsTheUnbiasedEstimateAndVanishesForTwoSamplesOfOneDistribution() {
    Random r = new Random(3);
    int d = 2;
    for (Mmd.Kernel kernel : Mmd.Kernel.values()) {
      boolean rbf = kernel == Mmd.Kernel.RBF;
      // By hand on five codes.
      float[] a = normals(r, 5 * d, 0);
      float[] b = normals(r, 5 * d, 0.5);
      try (TestSession s = new TestSession()) {
        Mmd wae = Mmd.wae(10f, kernel, 1f);
        ObjectiveValue v = wae.loss(s.tf, withPrior(s, a, b, 5, d), s.tf.constant(0L));
        float mmd = s.evalF32(v.metrics().get("mmd"))[0];
        assertEquals(mmdByHand(a, b, 5, d, 2.0 * d, rbf), mmd, 1e-5, kernel + " by hand");
      }
      // Two samples of one distribution: ≈ 0 within its spread; of two distributions: clearly not.
      int m = 400;
      try (TestSession s = new TestSession()) {
        float[] p = normals(r, m * d, 0);
        float[] q = normals(r, m * d, 0);
        float[] shifted = normals(r, m * d, 1.0);
        Mmd wae = Mmd.wae(1f, kernel, 1f);
        float same =
            s.evalF32(
                    wae.loss(s.tf, withPrior(s, p, q, m, d), s.tf.constant(0L))
                        .metrics()
                        .get("mmd"))[0];
        float apart =
            s.evalF32(
                    wae.loss(s.tf, withPrior(s, shifted, q, m, d), s.tf.constant(0L))
                        .metrics()
                        .get("mmd"))[0];
        assertEquals(0, same, 0.01, kernel + " same distribution");
        assertTrue(apart > 10 * Math.abs(same) && apart > 0.05, kernel + " apart " + apart);
      }
    }
  }

  @Test
  void infoVaeWeighsTheKlAndTheMmd() {
    Random r = new Random(4);
    float[] a = normals(r, 8, 0);
    float[] b = normals(r, 8, 0.3);
    try (TestSession s = new TestSession()) {
      GaussianStep step = withPrior(s, a, b, 4, 2);
      // α = 0, λ = 1000: KL weight 1, MMD weight 999.
      ObjectiveValue v =
          Mmd.infoVae(0f, 1000f, Mmd.Kernel.INVERSE_MULTIQUADRATIC, 1f)
              .loss(s.tf, step, s.tf.constant(0L));
      List<float[]> got =
          s.evalF32(List.of(v.loss(), v.metrics().get("mmd"), step.rec(), step.kl()));
      double rec = 0;
      double kl = 0;
      for (int i = 0; i < 4; i++) {
        rec += got.get(2)[i] / 4;
        kl += got.get(3)[i] / 4;
      }
      assertEquals(rec + kl + 999 * got.get(1)[0], got.get(0)[0], 1e-2);
    }
  }
}
