package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import org.junit.jupiter.api.Test;

class BernoullisTest {
  @Test
  void matchesPlainJavaAndStaysFiniteAtExtremeLogits() {
    double[] x = {1, 0, 1, 0, 1, 0};
    double[] logits = {2.0, -1.5, 0.0, 800.0, -800.0, 0.3};
    try (TestSession s = new TestSession()) {
      double[] got =
          s.evalF64(Bernoullis.logBernoulliWithLogits(s.tf, s.f64(x, 2, 3), s.f64(logits, 2, 3)));
      for (int row = 0; row < 2; row++) {
        double want = 0;
        for (int j = 0; j < 3; j++) {
          int i = row * 3 + j;
          // log p = x log sigma(l) + (1-x) log(1 - sigma(l)); for |l| large use the asymptotes.
          double l = logits[i];
          double logSig = l > 30 ? -Math.exp(-l) : l < -30 ? l : -Math.log1p(Math.exp(-l));
          double log1mSig = l > 30 ? -l : l < -30 ? -Math.exp(l) : -Math.log1p(Math.exp(l));
          want += x[i] * logSig + (1 - x[i]) * log1mSig;
        }
        assertEquals(want, got[row], 1e-9);
        assertTrue(Double.isFinite(got[row]));
      }
      // A confident wrong answer costs about |l| nats: x=0 with l=800, x=1 with l=-800.
      assertEquals(-1600, got[1], 2.0);
    }
  }
}
