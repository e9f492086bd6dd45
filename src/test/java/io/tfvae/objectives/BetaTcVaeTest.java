package io.tfvae.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.objectives.BetaTcVae.Decomposition;
import io.tfvae.objectives.BetaTcVae.Estimator;
import io.tfvae.testing.TestSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** β-TCVAE's decomposition against a computation by hand, and its two properties. */
class BetaTcVaeTest {
  // Three examples, two dimensions: posteriors N(μ_j, diag σ²_j) and one code z_i from each.
  private static final float[] MEANS = {0f, 1f, -1f, 0.5f, 2f, -0.5f};
  private static final float[] VARIANCES = {0.5f, 1f, 0.25f, 2f, 1f, 0.5f};
  private static final float[] CODES = {0.3f, 0.7f, -1.2f, 1.5f, 1.8f, -0.1f};
  private static final long N = 1000;

  private static float[][] decompose(GaussianStep step, Estimator e) {
    Decomposition d = BetaTcVae.decompose(step.s.tf, step, e);
    List<float[]> v =
        step.s.evalF32(
            List.of(d.mutualInformation(), d.totalCorrelation(), d.dimensionWiseKl(), step.kl()));
    return v.toArray(new float[0][]);
  }

  /**
   * log q(z_i) and Σ_d log q(z_i,d) by hand: logsumexp_j [log q(z_i | x_j) + log w_ij] with w_ij =
   * 1/(NM) (weighted) or 1/N own, (N − M + 1)/(N (M − 1)) next, 1/(M − 1) rest (stratified).
   */
  private static double[][] byHand(Estimator e) {
    int m = 3;
    int dims = 2;
    double[][] out = new double[m][3];
    for (int i = 0; i < m; i++) {
      double[] q = new double[m];
      double[][] qd = new double[dims][m];
      for (int j = 0; j < m; j++) {
        double w;
        if (e == Estimator.MINIBATCH_WEIGHTED) {
          w = 1.0 / (N * m);
        } else {
          int others = m - 1;
          w =
              j == i
                  ? 1.0 / N
                  : j == (i + 1) % m ? (N - others) / (double) (N * others) : 1.0 / others;
        }
        double logQij = 0;
        for (int k = 0; k < dims; k++) {
          double l =
              GaussianStep.logNormal(
                  CODES[i * dims + k], MEANS[j * dims + k], VARIANCES[j * dims + k]);
          logQij += l;
          qd[k][j] = Math.exp(l) * w;
        }
        q[j] = Math.exp(logQij) * w;
      }
      double logQz = Math.log(q[0] + q[1] + q[2]);
      double logProduct = 0;
      for (int k = 0; k < dims; k++) {
        logProduct += Math.log(qd[k][0] + qd[k][1] + qd[k][2]);
      }
      double logQzGivenX = 0;
      double logPz = 0;
      for (int k = 0; k < dims; k++) {
        logQzGivenX +=
            GaussianStep.logNormal(
                CODES[i * dims + k], MEANS[i * dims + k], VARIANCES[i * dims + k]);
        logPz += GaussianStep.logNormal(CODES[i * dims + k], 0, 1);
      }
      out[i] = new double[] {logQzGivenX - logQz, logQz - logProduct, logProduct - logPz};
    }
    return out;
  }

  @Test
  void theTermsAreTheHandComputationAndAddUpToTheKlEstimate() {
    for (Estimator e : Estimator.values()) {
      try (TestSession s = new TestSession()) {
        float[][] v = decompose(new GaussianStep(s, 3, 2, MEANS, VARIANCES, CODES, N), e);
        double[][] hand = byHand(e);
        for (int i = 0; i < 3; i++) {
          for (int t = 0; t < 3; t++) {
            assertEquals(
                hand[i][t], v[t][i], 1e-4 * Math.max(1, Math.abs(hand[i][t])), e + " " + i);
          }
          // MI + TC + dim-KL = log q(z|x) − log p(z), the batch's KL estimate at the code.
          assertEquals(v[3][i], v[0][i] + v[1][i] + v[2][i], 1e-4, e + " sum " + i);
        }
      }
    }
  }

  /**
   * When every example has the same factorised posterior, the aggregate posterior is that
   * posterior, which factorises: the stratified estimator's weights sum to one per code, so its TC
   * is 0 (and its MI too). The weighted estimator scales q(z) by 1/N and each marginal too, so its
   * TC is (D − 1)·log N there: the bias Chen et al.'s Appendix C.1 accepts for a large N.
   */
  @Test
  void aFactorisedAggregatePosteriorHasNoTotalCorrelation() {
    int m = 64;
    int dims = 3;
    float[] means = new float[m * dims];
    float[] variances = new float[m * dims];
    float[] codes = new float[m * dims];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < m * dims; i++) {
      means[i] = 0.5f * (i % dims);
      variances[i] = 0.3f + 0.2f * (i % dims);
      codes[i] = (float) (means[i] + Math.sqrt(variances[i]) * r.nextGaussian());
    }
    try (TestSession s = new TestSession()) {
      GaussianStep step = new GaussianStep(s, m, dims, means, variances, codes, N);
      float[][] stratified = decompose(step, Estimator.MINIBATCH_STRATIFIED);
      float[][] weighted = decompose(step, Estimator.MINIBATCH_WEIGHTED);
      for (int i = 0; i < m; i++) {
        assertEquals(0, stratified[1][i], 1e-4, "TC at code " + i);
        assertEquals(0, stratified[0][i], 1e-4, "MI at code " + i);
        assertEquals((dims - 1) * Math.log(N), weighted[1][i], 1e-3, "weighted TC at " + i);
      }
    }
  }

  /** Correlated posteriors (codes along a line) have a clearly positive TC. */
  @Test
  void correlatedCodesHaveAPositiveTotalCorrelation() {
    int m = 64;
    float[] means = new float[m * 2];
    float[] variances = new float[m * 2];
    for (int i = 0; i < m; i++) {
      means[2 * i] = means[2 * i + 1] = -3f + 6f * i / (m - 1);
      variances[2 * i] = variances[2 * i + 1] = 0.01f;
    }
    try (TestSession s = new TestSession()) {
      float[][] v =
          decompose(
              new GaussianStep(s, m, 2, means, variances, means.clone(), m),
              Estimator.MINIBATCH_STRATIFIED);
      double tc = 0;
      for (float t : v[1]) {
        tc += t / m;
      }
      assertTrue(tc > 1.0, "mean TC " + tc);
    }
  }

  @Test
  void theLossWeighsTheTermsAndReportsThem() {
    try (TestSession s = new TestSession()) {
      GaussianStep step = new GaussianStep(s, 3, 2, MEANS, VARIANCES, CODES, N);
      ObjectiveValue value =
          new BetaTcVae(1f, 6f, 1f, Estimator.MINIBATCH_WEIGHTED)
              .loss(s.tf, step, s.tf.constant(0L));
      float loss = s.evalF32(value.loss())[0];
      double[][] hand = byHand(Estimator.MINIBATCH_WEIGHTED);
      double expected = 0;
      for (int i = 0; i < 3; i++) {
        expected += (-step.logPxGivenZ[i] + hand[i][0] + 6 * hand[i][1] + hand[i][2]) / 3;
      }
      assertEquals(expected, loss, 1e-3);
      assertEquals(List.of("mi", "tc", "dim_kl"), List.copyOf(value.metrics().keySet()));
    }
  }

  @Test
  void aPosteriorThatDoesNotFactoriseIsRefused() {
    try (TestSession s = new TestSession()) {
      StepRecord flowLike =
          new GaussianStep(s, 3, 2, MEANS, VARIANCES, CODES, N) {
            @Override
            public io.tfvae.distributions.Posterior posterior() {
              return new io.tfvae.distributions.Posterior() {
                @Override
                public org.tensorflow.Operand<org.tensorflow.types.TFloat32> sample(
                    org.tensorflow.op.Ops tf,
                    org.tensorflow.Operand<org.tensorflow.types.TFloat32> noise) {
                  return noise;
                }

                @Override
                public org.tensorflow.Operand<org.tensorflow.types.TFloat32> logProb(
                    org.tensorflow.op.Ops tf,
                    org.tensorflow.Operand<org.tensorflow.types.TFloat32> z) {
                  return z;
                }

                @Override
                public java.util.Map<String, org.tensorflow.Operand<org.tensorflow.types.TFloat32>>
                    describe(org.tensorflow.op.Ops tf) {
                  return java.util.Map.of();
                }
              };
            }
          };
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> BetaTcVae.decompose(s.tf, flowLike, Estimator.MINIBATCH_WEIGHTED));
      assertTrue(
          e.getMessage().startsWith("beta_tcvae: needs a diagonal Gaussian"), e.getMessage());
    }
  }
}
