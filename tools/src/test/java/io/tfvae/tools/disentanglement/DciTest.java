package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DciTest {

  static final Dci.Settings SMALL = new Dci.Settings(1_000, 500, 16);

  @Test
  void disentanglementAndCompletenessByHand() {
    // R = I: each code explains one factor and each factor one code: D = C = 1 (up to the 1e-11).
    double[][] identity = {{1, 0}, {0, 1}};
    assertEquals(1, Dci.disentanglement(identity), 1e-8);
    assertEquals(1, Dci.completeness(identity), 1e-8);
    // R uniform: H = 1 everywhere, D = C = 0.
    double[][] uniform = {{1, 1}, {1, 1}};
    assertEquals(0, Dci.disentanglement(uniform), 1e-12);
    assertEquals(0, Dci.completeness(uniform), 1e-12);
    // Both codes explain factor 0 only: each code's row is (1, 0), so D = ½·1 + ½·1 = 1;
    // factor 0's column (1, 1) has H_2 = 1 and weight 1, factor 1 weight 0, so C = 0.
    double[][] redundant = {{1, 0}, {1, 0}};
    assertEquals(1, Dci.disentanglement(redundant), 1e-8);
    assertEquals(0, Dci.completeness(redundant), 1e-8);
  }

  @Test
  void identityScoresNearOneNoiseNearZero() {
    Synthetic data = new Synthetic();
    Dci.Result identity = Dci.compute(data, Synthetic::identity, SMALL, 0);
    Dci.Result noise = Dci.compute(data, Synthetic.noise(1), SMALL, 0);
    Dci.Result rotation = Dci.compute(data, Synthetic::rotation, SMALL, 0);
    for (var r : new Dci.Result[] {identity, noise, rotation}) {
      System.out.printf(
          "DCI D %.4f C %.4f I train %.4f test %.4f%n",
          r.disentanglement(), r.completeness(), r.informativenessTrain(), r.informativenessTest());
    }
    assertTrue(identity.disentanglement() > 0.95, "D " + identity.disentanglement());
    assertTrue(identity.completeness() > 0.95, "C " + identity.completeness());
    assertEquals(1.0, identity.informativenessTest(), 1e-12);
    assertTrue(noise.disentanglement() < 0.2, "D " + noise.disentanglement());
    assertTrue(noise.completeness() < 0.2, "C " + noise.completeness());
    // chance: the mean over factors of 1/size = (1/2 + 1/3 + 1/4) / 3 ≈ 0.36
    assertTrue(noise.informativenessTest() < 0.45, "I " + noise.informativenessTest());
    assertTrue(rotation.disentanglement() < identity.disentanglement());
  }

  @Test
  void repeatsToTheLastDigit() {
    Synthetic data = new Synthetic();
    Dci.Result a = Dci.compute(data, Synthetic::rotation, SMALL, 5);
    Dci.Result b = Dci.compute(data, Synthetic::rotation, SMALL, 5);
    assertEquals(a.disentanglement(), b.disentanglement(), 0.0);
    assertEquals(a.completeness(), b.completeness(), 0.0);
    assertEquals(a.informativenessTest(), b.informativenessTest(), 0.0);
  }
}
