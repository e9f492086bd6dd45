package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BetaVaeScoreTest {

  static final BetaVaeScore.Settings SMALL = new BetaVaeScore.Settings(16, 300, 150);

  @Test
  void featureIsTheMeanAbsoluteDifferenceByHand() {
    // pairs (0,1)−(1,1) and (2,0)−(0,4): |·| = (1,0) and (2,4), mean (1.5, 2)
    double[][] z1 = {{0, 1}, {2, 0}};
    double[][] z2 = {{1, 1}, {0, 4}};
    assertArrayEquals(new double[] {1.5, 2}, BetaVaeScore.meanAbsoluteDifference(z1, z2), 1e-12);
  }

  @Test
  void identityScoresOneNoiseChance() {
    Synthetic data = new Synthetic();
    var identity = BetaVaeScore.compute(data, Synthetic::identity, SMALL, 0);
    var noise = BetaVaeScore.compute(data, Synthetic.noise(1), SMALL, 0);
    var rotation = BetaVaeScore.compute(data, Synthetic::rotation, SMALL, 0);
    System.out.printf(
        "BetaVAE identity %.4f noise %.4f rotation %.4f%n",
        identity.evalAccuracy(), noise.evalAccuracy(), rotation.evalAccuracy());
    // identity: the fixed factor's code differs by exactly 0, every other by > 0
    assertEquals(1.0, identity.evalAccuracy(), 1e-12);
    // chance is 1/K = 1/3; 150 points give a standard error of √(⅓·⅔/150) ≈ 0.04
    assertTrue(Math.abs(noise.evalAccuracy() - 1.0 / 3) < 0.15, "noise " + noise.evalAccuracy());
  }

  @Test
  void repeatsToTheLastDigit() {
    Synthetic data = new Synthetic();
    assertEquals(
        BetaVaeScore.compute(data, Synthetic::rotation, SMALL, 2),
        BetaVaeScore.compute(data, Synthetic::rotation, SMALL, 2));
  }
}
