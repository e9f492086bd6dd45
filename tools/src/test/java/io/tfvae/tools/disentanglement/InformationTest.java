package io.tfvae.tools.disentanglement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InformationTest {

  @Test
  void histogramDiscretizeCountsTheEdgesBelowEachValue() {
    // 2 bins over [0, 1]: edges 0 and 0.5, so 0 → 1, 0.5 → 2, 1 → 2 (np.digitize, numpy's edges)
    assertArrayEquals(
        new int[] {1, 2, 2, 1}, Information.histogramDiscretize(new double[] {0, 0.5, 1, 0.25}, 2));
    // all equal: the range widens to [2.5, 3.5], edges 2.5 and 3.0, so 3 → 2
    assertArrayEquals(new int[] {2, 2}, Information.histogramDiscretize(new double[] {3, 3}, 2));
  }

  @Test
  void entropyAndMutualInformationByHand() {
    // H([0,0,1,2]) = −(½ log ½ + 2·¼ log ¼) = 1.5 log 2
    assertEquals(1.5 * Math.log(2), Information.entropy(new int[] {0, 0, 1, 2}), 1e-12);
    // I(v; v AND w) for v = [0,0,1,1], w = [0,1,0,1]: H(AND) − H(AND | v)
    // = (−¾ log ¾ − ¼ log ¼) − ½ log 2
    double expected = -0.75 * Math.log(0.75) - 0.25 * Math.log(0.25) - 0.5 * Math.log(2);
    assertEquals(
        expected,
        Information.mutualInformation(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}),
        1e-12);
    // independent labels: 0; the labels' values do not matter, only the partition
    assertEquals(
        0, Information.mutualInformation(new int[] {0, 0, 1, 1}, new int[] {7, 9, 7, 9}), 1e-12);
  }

  @Test
  void scipyEntropyNormalizesAndTakesTheBase() {
    assertEquals(1.0, Information.entropy(new double[] {2, 2}, 2), 1e-12);
    assertEquals(0.5, Information.entropy(new double[] {1, 1, 0, 0}, 4), 1e-12);
  }
}
