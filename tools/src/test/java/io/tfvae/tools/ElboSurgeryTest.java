package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ElboSurgeryTest {
  /** log N(z; 0, I) of each code. */
  private static double[] standardNormal(float[][] z) {
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      for (float v : z[i]) {
        out[i] += -0.5 * (Math.log(2 * Math.PI) + v * v);
      }
    }
    return out;
  }

  @Test
  void aPosteriorThatIgnoresXCarriesNoInformationAndItsKlIsAllMarginal() {
    // 50 images with the same posterior N((1, -2), diag(0.5, 2)).
    float[][] mean = new float[50][];
    float[][] variance = new float[50][];
    for (int i = 0; i < 50; i++) {
      mean[i] = new float[] {1f, -2f};
      variance[i] = new float[] {0.5f, 2f};
    }
    var q = ElboSurgery.gaussian(mean, variance);
    float[][] z = ElboSurgery.sample(q, 3);
    var t = ElboSurgery.estimate(q, z, standardNormal(z));
    assertEquals(0, t.mutualInformation().mean(), 1e-9, "I(x; z) = 0");
    assertEquals(t.averageKl().mean(), t.marginalKl().mean(), 1e-9);
    // And the average KL is the closed form in expectation: 0.5 Σ (σ² + μ² − 1 − log σ²).
    double kl = 0.5 * ((0.5 + 1 - 1 - Math.log(0.5)) + (2 + 4 - 1 - Math.log(2)));
    assertEquals(kl, t.averageKl().mean(), 4 * t.averageKl().standardError());
    assertEquals(0, ElboSurgery.activeUnits(mean, 1), "no mean varies");
  }

  @Test
  void aPriorThatIsTheExactAggregatePosteriorLeavesNoMarginalKl() {
    float[][] mean = new float[30][];
    float[][] variance = new float[30][];
    for (int i = 0; i < 30; i++) {
      mean[i] = new float[] {i / 10f, (float) Math.sin(i), 0.3f};
      variance[i] = new float[] {0.2f + i / 100f, 0.5f, 1f};
    }
    var q = ElboSurgery.gaussian(mean, variance);
    float[][] z = ElboSurgery.sample(q, 4);
    // log p(z) = log (1/N) Σ_m q(z | x_m): the aggregate posterior itself.
    double[] logPrior = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int m = 0; m < 30; m++) {
        max = Math.max(max, q.logDensity(m, z[i]));
      }
      double sum = 0;
      for (int m = 0; m < 30; m++) {
        sum += Math.exp(q.logDensity(m, z[i]) - max);
      }
      logPrior[i] = max + Math.log(sum / 30);
    }
    var t = ElboSurgery.estimate(q, z, logPrior);
    assertEquals(0, t.marginalKl().mean(), 1e-9, "KL(q(z) || p(z)) = 0");
    assertEquals(t.averageKl().mean(), t.mutualInformation().mean(), 1e-9);
    assertEquals(2, ElboSurgery.activeUnits(mean, 1), "dimensions 0 and 1 vary, 2 does not");
  }

  @Test
  void twoPosteriorsThatNeverOverlapCarryLogTwoNats() {
    var q = ElboSurgery.gaussian(new float[][] {{-20f}, {20f}}, new float[][] {{1f}, {1f}});
    float[][] z = ElboSurgery.sample(q, 5);
    var t = ElboSurgery.estimate(q, z, standardNormal(z));
    assertEquals(Math.log(2), t.mutualInformation().mean(), 1e-9, "z tells which of 2 images");
    for (int i = 0; i < 2; i++) {
      assertTrue(Math.abs(z[i][0] - (i == 0 ? -20 : 20)) < 6, "drawn from its own posterior");
    }
  }

  @Test
  void categoricalCodesAreDrawnFromTheirProbabilities() {
    // One image, 1 variable of 3 classes with probabilities 0.2, 0.5, 0.3.
    float[][] p = new float[2000][];
    for (int i = 0; i < p.length; i++) {
      p[i] = new float[] {0.2f, 0.5f, 0.3f};
    }
    var q = ElboSurgery.categorical(p, 1, 3);
    float[][] z = ElboSurgery.sample(q, 6);
    int[] counts = new int[3];
    for (float[] c : z) {
      for (int k = 0; k < 3; k++) {
        counts[k] += c[k] == 1f ? 1 : 0;
      }
      assertEquals(Math.log(c[0] == 1f ? 0.2 : c[1] == 1f ? 0.5 : 0.3), q.logDensity(0, c), 1e-6);
    }
    double[] want = {0.2, 0.5, 0.3};
    for (int k = 0; k < 3; k++) {
      double se = Math.sqrt(want[k] * (1 - want[k]) / 2000);
      assertEquals(want[k], counts[k] / 2000.0, 4 * se, "class " + k);
    }
  }
}
