package io.tfvae.objectives;

import io.tfvae.distributions.DiagonalGaussian;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DIP-VAE (Kumar et al. 2018, "Variational Inference of Disentangled Latent Concepts from Unlabeled
 * Observations"): the ELBO plus a penalty that moves a covariance of the codes towards the
 * identity,
 *
 * <p>λ_od Σ_{i≠j} Cov_ij² + λ_d Σ_i (Cov_ii − 1)²,
 *
 * <p>with Cov the batch covariance of the posterior means, Cov_p(x)[μ(x)] (DIP-VAE-I, eq. 6), or
 * that plus the mean posterior covariance, E_p(x)[diag σ²(x)] + Cov_p(x)[μ(x)] (DIP-VAE-II, eq. 7),
 * as disentanglement_lib computes them. The posterior must be a diagonal Gaussian. Reported: {@code
 * dip} (the penalty).
 */
public final class DipVae implements Objective {
  /** Which covariance is pushed towards the identity. */
  public enum Kind {
    /** The covariance of the posterior means (DIP-VAE-I). */
    I,
    /** The covariance of the aggregate posterior (DIP-VAE-II). */
    II
  }

  private final Kind kind;
  private final float lambdaOffDiagonal;
  private final float lambdaDiagonal;

  /**
   * A DIP-VAE objective.
   *
   * @param kind I or II
   * @param lambdaOffDiagonal λ_od, a finite number &gt;= 0
   * @param lambdaDiagonal λ_d, a finite number &gt;= 0 (disentanglement_lib: 10 λ_od for I, λ_od
   *     for II)
   */
  public DipVae(Kind kind, float lambdaOffDiagonal, float lambdaDiagonal) {
    if (!(lambdaOffDiagonal >= 0f && lambdaDiagonal >= 0f)
        || Float.isInfinite(lambdaOffDiagonal)
        || Float.isInfinite(lambdaDiagonal)) {
      throw new IllegalArgumentException(
          "dip_vae: expected finite lambdas >= 0, got "
              + lambdaOffDiagonal
              + " and "
              + lambdaDiagonal);
    }
    this.kind = kind;
    this.lambdaOffDiagonal = lambdaOffDiagonal;
    this.lambdaDiagonal = lambdaDiagonal;
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    Operand<TFloat32> penalty = penalty(tf, covariance(tf, record));
    var axis0 = tf.constant(0);
    Operand<TFloat32> elbo = tf.math.mean(tf.math.add(record.rec(), record.kl()), axis0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("dip", penalty);
    return new ObjectiveValue(tf.math.add(elbo, penalty), metrics);
  }

  /** The covariance the penalty reads, [D, D]. */
  Operand<TFloat32> covariance(Ops tf, StepRecord record) {
    if (!(record.posterior() instanceof DiagonalGaussian q)) {
      throw new IllegalArgumentException(
          "dip_vae: needs a diagonal Gaussian posterior (its means and variances), got another"
              + " family");
    }
    var axis0 = tf.constant(0);
    Operand<TFloat32> mu = q.mean();
    // E[μ μᵀ] − E[μ] E[μ]ᵀ over the batch.
    Operand<TFloat32> outer =
        tf.math.mean(
            tf.math.mul(tf.expandDims(mu, tf.constant(2)), tf.expandDims(mu, tf.constant(1))),
            axis0);
    Operand<TFloat32> mean = tf.math.mean(mu, axis0);
    Operand<TFloat32> covMeans =
        tf.math.sub(
            outer,
            tf.math.mul(tf.expandDims(mean, tf.constant(1)), tf.expandDims(mean, tf.constant(0))));
    if (kind == Kind.I) {
      return covMeans;
    }
    return tf.math.add(
        covMeans, SquareMatrices.withDiagonal(tf, tf.math.mean(q.variance(), axis0)));
  }

  /** λ_od Σ_{i≠j} C_ij² + λ_d Σ_i (C_ii − 1)². */
  private Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> cov) {
    Operand<TFloat32> diagonal = SquareMatrices.diagonal(tf, cov);
    Operand<TFloat32> offDiagonal = tf.math.sub(cov, SquareMatrices.withDiagonal(tf, diagonal));
    var all = tf.constant(new int[] {0, 1});
    Operand<TFloat32> od = tf.reduceSum(tf.math.square(offDiagonal), all);
    Operand<TFloat32> d =
        tf.reduceSum(tf.math.square(tf.math.sub(diagonal, tf.constant(1f))), tf.constant(0));
    return tf.math.add(
        tf.math.mul(tf.constant(lambdaOffDiagonal), od),
        tf.math.mul(tf.constant(lambdaDiagonal), d));
  }

  @Override
  public String describe() {
    return "dip-vae-"
        + (kind == Kind.I ? "i" : "ii")
        + ", lambda_od "
        + lambdaOffDiagonal
        + " lambda_d "
        + lambdaDiagonal;
  }
}
