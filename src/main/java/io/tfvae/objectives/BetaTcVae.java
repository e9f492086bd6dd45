package io.tfvae.objectives;

import io.tfvae.bounds.Bounds;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.Gaussians;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * β-TCVAE (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs"): the ELBO's KL term
 * split into the index-code mutual information, the total correlation and the dimension-wise KL,
 *
 * <p>E_p(x)[KL(q(z|x) ‖ p(z))] = I_q(x; z) + KL(q(z) ‖ Π_d q(z_d)) + Σ_d KL(q(z_d) ‖ p(z_d)),
 *
 * <p>with weights α, β, γ on the three terms (the paper's β-TCVAE: α = γ = 1, β on the total
 * correlation). The aggregate posterior q(z) = (1/N) Σ_n q(z | x_n) is estimated on the batch at
 * each example's code z_i (eq. 5 and Appendix C.1):
 *
 * <ul>
 *   <li><b>minibatch-weighted sampling</b>: log q(z_i) ≈ logsumexp_j log q(z_i | x_j) − log(N M),
 *       and log q(z_i,d) likewise per dimension;
 *   <li><b>minibatch-stratified sampling</b>: the same sum with weights 1/N for the example's own
 *       x_i, (N − M + 1)/(N (M − 1)) for the next one, 1/(M − 1) for the rest; each row sums to 1.
 *       (The widely copied log_importance_weight_matrix of rtqichen/beta-tcvae puts the 1/N and
 *       stratum weights in the first two columns instead of on the diagonal; its pull request 1.)
 * </ul>
 *
 * N is the training set's size ({@link StepRecord#datasetSize()}), M the batch's. The posterior
 * must be a diagonal Gaussian (q(z | x) factorises over dimensions). The loss is the batch mean of
 * −log p(x | z) + α·MI + β·TC + γ·dim-KL, each term at the step's code; the three terms are
 * reported as {@code mi}, {@code tc} and {@code dim_kl}.
 */
public final class BetaTcVae implements Objective {
  /** How the aggregate posterior q(z) is estimated from the batch. */
  public enum Estimator {
    /** Minibatch-weighted sampling. */
    MINIBATCH_WEIGHTED,
    /** Minibatch-stratified sampling. */
    MINIBATCH_STRATIFIED
  }

  private final float alpha;
  private final float beta;
  private final float gamma;
  private final Estimator estimator;

  /**
   * β-TCVAE with weights α on the mutual information, β on the total correlation and γ on the
   * dimension-wise KL.
   *
   * @param alpha α, a finite number &gt;= 0 (the paper: 1)
   * @param beta β, a finite number &gt;= 0
   * @param gamma γ, a finite number &gt;= 0 (the paper: 1)
   * @param estimator how q(z) is estimated
   */
  public BetaTcVae(float alpha, float beta, float gamma, Estimator estimator) {
    for (float w : new float[] {alpha, beta, gamma}) {
      if (!(w >= 0f) || Float.isInfinite(w)) {
        throw new IllegalArgumentException(
            "beta_tcvae weights: expected finite numbers >= 0, got "
                + alpha
                + ", "
                + beta
                + ", "
                + gamma);
      }
    }
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.estimator = estimator;
  }

  /** The three terms per example, [batch] each. */
  record Decomposition(
      Operand<TFloat32> mutualInformation,
      Operand<TFloat32> totalCorrelation,
      Operand<TFloat32> dimensionWiseKl) {}

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    Decomposition d = decompose(tf, record, estimator);
    var axis0 = tf.constant(0);
    Operand<TFloat32> perExample =
        tf.math.add(
            tf.math.add(
                tf.math.neg(record.logPxGivenZ()),
                tf.math.mul(tf.constant(alpha), d.mutualInformation())),
            tf.math.add(
                tf.math.mul(tf.constant(beta), d.totalCorrelation()),
                tf.math.mul(tf.constant(gamma), d.dimensionWiseKl())));
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("mi", tf.math.mean(d.mutualInformation(), axis0));
    metrics.put("tc", tf.math.mean(d.totalCorrelation(), axis0));
    metrics.put("dim_kl", tf.math.mean(d.dimensionWiseKl(), axis0));
    return new ObjectiveValue(tf.math.mean(perExample, axis0), metrics);
  }

  /**
   * The decomposition at the step's codes: MI = log q(z|x) − log q(z), TC = log q(z) − Σ_d log
   * q(z_d), dim-KL = Σ_d log q(z_d) − log p(z); their sum is log q(z|x) − log p(z).
   */
  static Decomposition decompose(Ops tf, StepRecord record, Estimator estimator) {
    if (!(record.posterior() instanceof DiagonalGaussian q)) {
      throw new IllegalArgumentException(
          "beta_tcvae: needs a diagonal Gaussian posterior (q(z|x) factorising over dimensions),"
              + " got another family");
    }
    long n = record.datasetSize();
    if (n < 2) {
      throw new IllegalArgumentException(
          "beta_tcvae: needs the training set's size N (StepRecord.datasetSize), got " + n);
    }
    Operand<TFloat32> z = record.z(); // [M, D]
    // log q(z_i,d | x_j) for every pair: [M, M, D], row i the code, column j the example.
    Operand<TFloat32> zi = tf.expandDims(z, tf.constant(1));
    Operand<TFloat32> mean = tf.expandDims(q.mean(), tf.constant(0));
    Operand<TFloat32> variance = tf.expandDims(q.variance(), tf.constant(0));
    Operand<TFloat32> logQijd =
        tf.math.mul(
            tf.constant(-0.5f),
            tf.math.add(
                tf.math.add(
                    tf.math.div(tf.math.square(tf.math.sub(zi, mean)), variance),
                    tf.math.log(variance)),
                tf.constant((float) Gaussians.LOG_2PI)));
    Operand<TFloat32> logWeights = logWeights(tf, z, n, estimator); // [M, M]
    var axis1 = tf.constant(1);
    // log q(z_i) = logsumexp_j [Σ_d log q(z_i,d | x_j) + log w_ij]
    Operand<TFloat32> logQz =
        Bounds.logSumExp(tf, tf.math.add(tf.reduceSum(logQijd, tf.constant(2)), logWeights), 1);
    // Σ_d log q(z_i,d) = Σ_d logsumexp_j [log q(z_i,d | x_j) + log w_ij]
    Operand<TFloat32> logProductOfMarginals =
        tf.reduceSum(
            Bounds.logSumExp(
                tf, tf.math.add(logQijd, tf.expandDims(logWeights, tf.constant(2))), 1),
            axis1);
    Operand<TFloat32> logQzGivenX = record.logQzGivenX();
    return new Decomposition(
        tf.math.sub(logQzGivenX, logQz),
        tf.math.sub(logQz, logProductOfMarginals),
        tf.math.sub(logProductOfMarginals, record.logPz()));
  }

  /**
   * log w_ij, the weight of example j's posterior in the estimate of q at code i: log 1/(N M) for
   * every pair (weighted), or the stratified weights (rtqichen/beta-tcvae: N, M − 1 other
   * examples).
   */
  private static Operand<TFloat32> logWeights(
      Ops tf, Operand<TFloat32> z, long n, Estimator estimator) {
    Operand<org.tensorflow.types.TInt32> m = tf.gather(tf.shape(z), tf.constant(0), tf.constant(0));
    Operand<TFloat32> mf = tf.dtypes.cast(m, TFloat32.class);
    Operand<TFloat32> ones = tf.fill(tf.stack(java.util.List.of(m, m)), tf.constant(1f));
    if (estimator == Estimator.MINIBATCH_WEIGHTED) {
      Operand<TFloat32> logNm = tf.math.log(tf.math.mul(tf.constant((float) n), mf));
      return tf.math.mul(ones, tf.math.neg(logNm));
    }
    // M here is the batch less one, as in the paper's stratified estimator.
    Operand<TFloat32> others = tf.math.sub(mf, tf.constant(1f));
    Operand<TFloat32> nf = tf.constant((float) n);
    Operand<TFloat32> strat = tf.math.div(tf.math.sub(nf, others), tf.math.mul(nf, others));
    Operand<TFloat32> rest = tf.math.mul(ones, tf.math.reciprocal(others));
    Operand<org.tensorflow.types.TInt32> rows = tf.range(tf.constant(0), m, tf.constant(1));
    Operand<TFloat32> eye = tf.oneHot(rows, m, tf.constant(1f), tf.constant(0f));
    // The next example (i, i + 1 mod M) carries the stratum's weight.
    Operand<TFloat32> next =
        tf.oneHot(
            tf.math.floorMod(tf.math.add(rows, tf.constant(1)), m),
            m,
            tf.constant(1f),
            tf.constant(0f));
    Operand<TFloat32> w =
        tf.math.add(
            tf.math.add(tf.math.mul(eye, tf.math.reciprocal(nf)), tf.math.mul(next, strat)),
            tf.math.mul(tf.math.sub(tf.math.sub(ones, eye), next), rest));
    return tf.math.log(w);
  }

  @Override
  public String describe() {
    return "beta-tcvae, alpha "
        + alpha
        + " beta "
        + beta
        + " gamma "
        + gamma
        + ", "
        + (estimator == Estimator.MINIBATCH_WEIGHTED
            ? "minibatch-weighted sampling"
            : "minibatch-stratified sampling");
  }
}
