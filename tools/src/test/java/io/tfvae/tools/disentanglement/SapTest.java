package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SapTest {

  static final Sap.Settings SMALL = new Sap.Settings(1_000, 500, 16);

  @Test
  void sapByHand() {
    // factor 0: best 0.9, second 0.6 → 0.3; factor 1: best 0.7, second 0.5 → 0.2; mean 0.25
    double[][] s = {{0.9, 0.5}, {0.6, 0.7}, {0.2, 0.4}};
    assertEquals(0.25, Sap.sapOfScores(s), 1e-12);
  }

  @Test
  void identityScoresHighNoiseNearZero() {
    Synthetic data = new Synthetic();
    double identity = Sap.compute(data, Synthetic::identity, SMALL, 0);
    double noise = Sap.compute(data, Synthetic.noise(1), SMALL, 0);
    double rotation = Sap.compute(data, Synthetic::rotation, SMALL, 0);
    System.out.printf("SAP identity %.4f noise %.4f rotation %.4f%n", identity, noise, rotation);
    assertTrue(identity > 0.4, "identity " + identity);
    assertTrue(noise < 0.05, "noise " + noise);
    assertTrue(rotation < identity, "rotation " + rotation);
  }
}
