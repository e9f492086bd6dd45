package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MigTest {

  static final Mig.Settings SMALL = new Mig.Settings(2_000, 16, 20);

  @Test
  void migByHandOnTwoFactorsAndTwoCodes() {
    // v0 = [0,0,1,1], v1 = [0,1,0,1]; z0 = v0, z1 = v0 AND v1. H(v0) = H(v1) = log 2.
    // I(z0; v0) = log 2, I(z0; v1) = 0, I(z1; v0) = I(z1; v1) = a = h(¼) − ½ log 2 ≈ 0.2158.
    // Factor 0: (log 2 − a) / log 2; factor 1: (a − 0) / log 2; the mean is exactly ½.
    int[][] factors = {{0, 0, 1, 1}, {0, 1, 0, 1}};
    int[][] codes = {{0, 0, 1, 1}, {0, 0, 0, 1}};
    assertEquals(0.5, Mig.migOfDiscrete(codes, factors), 1e-12);
  }

  @Test
  void identityScoresNearOneNoiseNearZeroRotationInBetween() {
    Synthetic data = new Synthetic();
    double identity = Mig.compute(data, Synthetic::identity, SMALL, 0);
    double noise = Mig.compute(data, Synthetic.noise(1), SMALL, 0);
    double rotation = Mig.compute(data, Synthetic::rotation, SMALL, 0);
    System.out.printf("MIG identity %.4f noise %.4f rotation %.4f%n", identity, noise, rotation);
    // identity: the top code is the factor itself (I = H), the second one independent, its
    // plug-in MI a bias of about (bins − 1)(values − 1) / 2n ≤ 19·3/4000 ≈ 0.014 nats
    assertTrue(identity > 0.97, "identity " + identity);
    assertTrue(noise < 0.03, "noise " + noise);
    assertTrue(rotation < identity - 0.2, "rotation " + rotation + ", identity " + identity);
  }

  @Test
  void repeatsToTheLastDigit() {
    Synthetic data = new Synthetic();
    assertEquals(
        Mig.compute(data, Synthetic::rotation, SMALL, 3),
        Mig.compute(data, Synthetic::rotation, SMALL, 3),
        0.0);
  }

  @Test
  void oneCodeIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Mig.migOfDiscrete(new int[][] {{0, 1}}, new int[][] {{0, 1}}));
    assertEquals("MIG needs at least 2 codes (the gap between the top two), got 1", e.getMessage());
  }
}
