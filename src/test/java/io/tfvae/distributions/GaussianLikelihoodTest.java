package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.testing.TestSession;
import org.junit.jupiter.api.Test;

class GaussianLikelihoodTest {
  /** log N(x; mu, v) summed over the row: -1/2 sum [log 2pi + log v + (x - mu)^2 / v]. */
  static double logNormal(float[] x, float[] mu, double[] v, int row, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double diff = x[row * d + j] - mu[row * d + j];
      s += Math.log(2 * Math.PI) + Math.log(v[j]) + diff * diff / v[j];
    }
    return -0.5 * s;
  }

  @Test
  void fixedVarianceMatchesPlainJavaAndTheMeanIsTheDecoderOutput() {
    float[] x = {0.1f, 0.9f, 0.5f, 0.0f, 1.0f, 0.3f};
    float[] mu = {0.2f, 0.7f, 0.5f, 0.4f, 0.8f, -0.1f};
    try (TestSession s = new TestSession()) {
      GaussianLikelihood g = new GaussianLikelihood(0.1f, false);
      assertEquals(3, g.parameterWidth(3));
      float[] lp = s.evalF32(g.logProb(s.tf, s.f32(x, 2, 3), s.f32(mu, 2, 3)));
      float[] mean = s.evalF32(g.mean(s.tf, s.f32(mu, 2, 3)));
      double[] v = {0.1, 0.1, 0.1};
      for (int r = 0; r < 2; r++) {
        assertEquals(logNormal(x, mu, v, r, 3), lp[r], 1e-4);
      }
      assertEquals(mu[4], mean[4]);
    }
  }

  @Test
  void learnedVarianceReadsTheSecondHalfThroughSoftplus() {
    float[] x = {0.1f, 0.9f};
    float[] params = {0.3f, 0.6f, -1.0f, 0.5f}; // mean (0.3, 0.6), pre-variance (-1, 0.5)
    try (TestSession s = new TestSession()) {
      GaussianLikelihood g = new GaussianLikelihood(0.1f, true);
      assertEquals(4, g.parameterWidth(2));
      float lp = s.evalF32(g.logProb(s.tf, s.f32(x, 1, 2), s.f32(params, 1, 4)))[0];
      double[] v = {Math.log1p(Math.exp(-1.0)) + 1e-8, Math.log1p(Math.exp(0.5)) + 1e-8};
      assertEquals(logNormal(x, new float[] {0.3f, 0.6f}, v, 0, 2), lp, 1e-5);
      float[] mean = s.evalF32(g.mean(s.tf, s.f32(params, 1, 4)));
      assertEquals(2, mean.length);
      assertEquals(0.6f, mean[1]);
    }
  }
}
