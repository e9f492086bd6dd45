package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The RealNVP prior's density against the change-of-variables formula with a numerical Jacobian,
 * its samples scored as it says, its inverse the forward's, and its density integrating to 1.
 */
class RealNvpPriorTest {
  private static RealNvpPrior prior(TestSession s, int d) {
    return new RealNvpPrior(Parameters.initialized(s.tf, 5), d, 3, new int[] {8});
  }

  /**
   * log p(f(u)) = log N(u; 0, I) − log |det ∂f/∂u|, the determinant of central differences of f
   * (step 1e-2 in float32) at five points in three dimensions.
   */
  @Test
  void theDensityIsTheChangeOfVariablesWithANumericalJacobian() {
    int d = 3;
    float[][] points = {
      {0.1f, -0.4f, 0.9f},
      {1.2f, 0.3f, -0.7f},
      {-1.5f, 0.8f, 0.2f},
      {0f, 0f, 0f},
      {0.6f, -1.1f, 1.4f}
    };
    float h = 1e-2f;
    try (TestSession s = new TestSession()) {
      RealNvpPrior p = prior(s, d);
      s.session().initialize();
      for (float[] u : points) {
        // f at u ± h e_j, and log p(f(u)) through the inverse.
        float[] batch = new float[(2 * d + 1) * d];
        for (int j = 0; j < d; j++) {
          for (int k = 0; k < d; k++) {
            batch[(2 * j) * d + k] = u[k] + (j == k ? h : 0f);
            batch[(2 * j + 1) * d + k] = u[k] - (j == k ? h : 0f);
          }
        }
        System.arraycopy(u, 0, batch, 2 * d * d, d);
        Operand<TFloat32> z = p.forward(s.tf, s.f32(batch, 2 * d + 1, d)).value();
        List<float[]> got = s.evalF32(List.of(z, p.logProb(s.tf, z)));
        double[][] jac = new double[d][d];
        for (int j = 0; j < d; j++) {
          for (int k = 0; k < d; k++) {
            jac[k][j] = (got.get(0)[(2 * j) * d + k] - got.get(0)[(2 * j + 1) * d + k]) / (2.0 * h);
          }
        }
        double logN = 0;
        for (float v : u) {
          logN += -0.5 * (Math.log(2 * Math.PI) + v * v);
        }
        double expected = logN - Math.log(Math.abs(det3(jac)));
        assertEquals(expected, got.get(1)[2 * d], 2e-3, "at " + java.util.Arrays.toString(u));
      }
    }
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  /**
   * A sample scores as the flow says: log p of f(u) through the inverse equals log N(u) minus the
   * forward's log-determinant, and the inverse gives u back.
   */
  @Test
  void samplesScoreAsTheFlowSays() {
    try (TestSession s = new TestSession()) {
      RealNvpPrior p = prior(s, 4);
      s.session().initialize();
      Operand<TFloat32> u =
          s.tf.random.statelessRandomNormal(
              s.tf.constant(new int[] {200, 4}), s.tf.constant(new long[] {3, 4}), TFloat32.class);
      RealNvpPrior.Flowed f = p.forward(s.tf, u);
      Operand<TFloat32> stated = s.tf.math.sub(Gaussians.logStdNormal(s.tf, u), f.logDet());
      List<float[]> got =
          s.evalF32(
              List.of(stated, p.logProb(s.tf, f.value()), u, p.inverse(s.tf, f.value()).value()));
      assertArrayEquals(got.get(0), got.get(1), 1e-4f);
      assertArrayEquals(got.get(2), got.get(3), 1e-4f);
    }
  }

  /** exp(log p(z)) over a 200 × 200 grid of [−8, 8]² adds up to 1. */
  @Test
  void theDensityIntegratesToOne() {
    int n = 200;
    float lo = -8f;
    float step = 16f / n;
    float[] grid = new float[n * n * 2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        grid[(i * n + j) * 2] = lo + (i + 0.5f) * step;
        grid[(i * n + j) * 2 + 1] = lo + (j + 0.5f) * step;
      }
    }
    try (TestSession s = new TestSession()) {
      RealNvpPrior p = prior(s, 2);
      s.session().initialize();
      float[] logp = s.evalF32(p.logProb(s.tf, s.f32(grid, n * n, 2)));
      double sum = 0;
      for (float l : logp) {
        sum += Math.exp(l) * step * step;
      }
      assertEquals(1.0, sum, 2e-3);
    }
  }
}
