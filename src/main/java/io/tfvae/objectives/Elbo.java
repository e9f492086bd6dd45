package io.tfvae.objectives;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The β-weighted negative ELBO, −E_q[log p(x|z)] + β(t)·KL, with two optional changes to the KL
 * term that people use against posterior collapse:
 *
 * <ul>
 *   <li><b>KL warm-up</b> (Bowman et al. 2016; Sønderby et al. 2016): β(t) = β₀ + (β − β₀)·min(1, t
 *       / N), from β₀ at step 0 to β at step N and after;
 *   <li><b>free bits</b> (Kingma et al. 2016, eq. 15): the KL term becomes Σ_j max(λ,
 *       E_batch[KL_j]) over the latent dimensions j (or max(λ, E_batch[KL]) for the whole code), so
 *       the optimiser gains nothing by pushing a dimension's KL below λ nats.
 * </ul>
 *
 * Both are functions of the step, so a resumed run is exact. Without either, the loss is the batch
 * mean of the per-example β-weighted negative ELBO.
 */
public final class Elbo implements Objective {
  /** What free bits floor: each latent dimension's KL, or the whole code's. */
  public enum FreeBitsGroups {
    /** One floor per latent dimension (needs a KL in closed form per dimension). */
    PER_DIMENSION,
    /** One floor for the KL of the whole code. */
    TOTAL
  }

  private final float beta;
  private final float warmUpFrom;
  private final long warmUpSteps;
  private final float freeBits;
  private final FreeBitsGroups groups;

  private Elbo(Builder b) {
    this.beta = b.beta;
    this.warmUpFrom = b.warmUpFrom;
    this.warmUpSteps = b.warmUpSteps;
    this.freeBits = b.freeBits;
    this.groups = b.groups;
  }

  /**
   * The ELBO itself (β = 1, no warm-up, no free bits).
   *
   * @return the objective
   */
  public static Elbo standard() {
    return builder().build();
  }

  /**
   * Starts an ELBO objective; every setting is optional.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * β at step t: β₀ + (β − β₀)·min(1, t / N) with warm-up, β without.
   *
   * @param tf ops
   * @param step t (int64 scalar)
   * @return β(t), float scalar
   */
  public Operand<TFloat32> betaAt(Ops tf, Operand<TInt64> step) {
    if (warmUpSteps == 0) {
      return tf.constant(beta);
    }
    Operand<TFloat32> progress =
        tf.math.minimum(
            tf.math.div(tf.dtypes.cast(step, TFloat32.class), tf.constant((float) warmUpSteps)),
            tf.constant(1f));
    return tf.math.add(
        tf.constant(warmUpFrom), tf.math.mul(tf.constant(beta - warmUpFrom), progress));
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    var batchAxis = tf.constant(0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    Operand<TFloat32> b = betaAt(tf, step);
    if (warmUpSteps > 0) {
      metrics.put("beta", b);
    }
    if (freeBits == 0f) {
      // The per-example bound, then its mean; at β = 1 the model's own sum of its terms.
      Operand<TFloat32> perExample =
          warmUpSteps == 0 && beta == 1f
              ? record.nelbo()
              : tf.math.add(record.rec(), tf.math.mul(b, record.kl()));
      return new ObjectiveValue(tf.math.mean(perExample, batchAxis), metrics);
    }
    Operand<TFloat32> floored = flooredKl(tf, record);
    metrics.put("kl_floored", floored);
    Operand<TFloat32> loss =
        tf.math.add(tf.math.mean(record.rec(), batchAxis), tf.math.mul(b, floored));
    return new ObjectiveValue(loss, metrics);
  }

  /** Σ_j max(λ, mean over the batch of KL_j), or max(λ, mean KL) for the whole code. */
  private Operand<TFloat32> flooredKl(Ops tf, StepRecord record) {
    var batchAxis = tf.constant(0);
    Operand<TFloat32> lambda = tf.constant(freeBits);
    if (groups == FreeBitsGroups.TOTAL) {
      return tf.math.maximum(lambda, tf.math.mean(record.kl(), batchAxis));
    }
    Operand<TFloat32> perDim =
        record
            .klPerDimension()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "free bits per dimension: this model's prior and posterior have no"
                            + " closed-form KL per latent dimension; use groups TOTAL"));
    return tf.reduceSum(tf.math.maximum(lambda, tf.math.mean(perDim, batchAxis)), batchAxis);
  }

  /** {@return the final KL weight β} */
  public float beta() {
    return beta;
  }

  @Override
  public String describe() {
    StringBuilder s = new StringBuilder("elbo, beta ").append(beta);
    if (warmUpSteps > 0) {
      s.append(", warm-up from ").append(warmUpFrom).append(" over ").append(warmUpSteps);
      s.append(" steps");
    }
    if (freeBits > 0f) {
      s.append(", free bits ").append(freeBits).append(" nats ");
      s.append(groups == FreeBitsGroups.TOTAL ? "in total" : "per dimension");
    }
    return s.toString();
  }

  /** Builder of an {@link Elbo}; every setting is optional. */
  public static final class Builder {
    private float beta = 1f;
    private float warmUpFrom;
    private long warmUpSteps;
    private float freeBits;
    private FreeBitsGroups groups = FreeBitsGroups.PER_DIMENSION;

    private Builder() {}

    /**
     * The KL weight β (after warm-up). Default 1, the ELBO.
     *
     * @param beta a finite number &gt;= 0
     * @return this
     */
    public Builder optBeta(float beta) {
      this.beta = beta;
      return this;
    }

    /**
     * KL warm-up: β rises linearly from {@code from} at step 0 to β at step {@code steps}. Default:
     * none.
     *
     * @param from β₀, a finite number &gt;= 0
     * @param steps N, a number &gt; 0
     * @return this
     */
    public Builder optWarmUp(float from, long steps) {
      this.warmUpFrom = from;
      this.warmUpSteps = steps;
      if (steps <= 0) {
        throw new IllegalArgumentException("warm-up steps: expected a number > 0, got " + steps);
      }
      return this;
    }

    /**
     * Free bits: the KL term of each group floored at λ nats. Default: none.
     *
     * @param lambda λ, a finite number &gt; 0
     * @param groups per latent dimension or for the whole code
     * @return this
     */
    public Builder optFreeBits(float lambda, FreeBitsGroups groups) {
      this.freeBits = lambda;
      this.groups = groups;
      return this;
    }

    /**
     * The objective.
     *
     * @return the ELBO objective
     * @throws IllegalArgumentException if a setting is out of range
     */
    public Elbo build() {
      if (!(beta >= 0f) || Float.isInfinite(beta)) {
        throw new IllegalArgumentException("beta: expected a finite number >= 0, got " + beta);
      }
      if (!(warmUpFrom >= 0f) || Float.isInfinite(warmUpFrom)) {
        throw new IllegalArgumentException(
            "warm-up from: expected a finite number >= 0, got " + warmUpFrom);
      }
      if (!(freeBits >= 0f) || Float.isInfinite(freeBits)) {
        throw new IllegalArgumentException(
            "free bits: expected a finite number >= 0, got " + freeBits);
      }
      return new Elbo(this);
    }
  }
}
