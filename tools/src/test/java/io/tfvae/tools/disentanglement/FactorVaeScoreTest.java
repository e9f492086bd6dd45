package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FactorVaeScoreTest {

  static final FactorVaeScore.Settings SMALL =
      new FactorVaeScore.Settings(16, 300, 150, 1_000, 0.05);

  @Test
  void majorityVoteAndAccuracyByHand() {
    // votes[factor][code]: code 0 goes to factor 0 (5 > 2), code 1 to factor 1 (3 > 1);
    // right votes 5 + 3 of 11
    long[][] votes = {{5, 1}, {2, 3}};
    int[] classifier = FactorVaeScore.majority(votes);
    assertArrayEquals(new int[] {0, 1}, classifier);
    assertEquals(8.0 / 11, FactorVaeScore.accuracy(votes, classifier), 1e-12);
    // a tie goes to the first factor, as np.argmax
    assertArrayEquals(new int[] {0}, FactorVaeScore.majority(new long[][] {{2}, {2}}));
  }

  @Test
  void varianceHasOneDegreeOfFreedomLess() {
    // values 1, 2, 3: mean 2, squared deviations 1 + 0 + 1 over n − 1 = 2
    assertArrayEquals(
        new double[] {1}, FactorVaeScore.variances(new double[][] {{1}, {2}, {3}}), 1e-12);
  }

  @Test
  void identityScoresOneNoiseChance() {
    Synthetic data = new Synthetic();
    var identity = FactorVaeScore.compute(data, Synthetic::identity, SMALL, 0);
    var noise = FactorVaeScore.compute(data, Synthetic.noise(1), SMALL, 0);
    var rotation = FactorVaeScore.compute(data, Synthetic::rotation, SMALL, 0);
    System.out.printf(
        "FactorVAE identity %.4f noise %.4f rotation %.4f%n",
        identity.evalAccuracy(), noise.evalAccuracy(), rotation.evalAccuracy());
    // identity: the fixed factor's code has variance 0 in the batch
    assertEquals(1.0, identity.evalAccuracy(), 1e-12);
    assertEquals(3, identity.activeCodes());
    // chance: votes carry no information, so each code's majority factor is right about 1/K = 1/3
    // of the time (a little more: the majority is chosen on the training votes)
    assertTrue(noise.evalAccuracy() < 0.5, "noise " + noise.evalAccuracy());
    assertTrue(rotation.evalAccuracy() < identity.evalAccuracy());
  }

  @Test
  void constantCodesAreAllPrunedAndScoreZero() {
    Representation constant = (x, n) -> new float[n][3];
    var r = FactorVaeScore.compute(new Synthetic(), constant, SMALL, 0);
    assertEquals(new FactorVaeScore.Result(0, 0, 0), r);
  }
}
