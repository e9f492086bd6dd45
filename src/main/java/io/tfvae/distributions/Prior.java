package io.tfvae.distributions;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The prior p(z) of a latent-variable model. Every draw from the prior goes through {@link
 * #sample}: signatures, the trainer and the tools never assume N(0, I).
 */
public interface Prior {
  /**
   * log p(z), summed over the last axis.
   *
   * @param tf ops
   * @param z points, [..., z]
   * @return log-density, [...]
   */
  Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z);

  /**
   * Draws samples with stateless random ops, so the same seed gives the same samples anywhere.
   *
   * @param tf ops
   * @param n number of samples (scalar)
   * @param seed stateless seed, [2]
   * @return samples, [n, z]
   */
  Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed);

  /**
   * KL(q ‖ p) in closed form, where one exists for this pair of families.
   *
   * @param tf ops
   * @param q the posterior
   * @return the KL per example, or empty (then the bound uses log q − log p of a sample)
   */
  default Optional<Operand<TFloat32>> analyticKl(Ops tf, Posterior q) {
    return Optional.empty();
  }

  /**
   * KL(q(z_j | x) ‖ p(z_j)) of each latent dimension j in closed form, where both the prior and q
   * factorise over dimensions (what free bits per dimension floor).
   *
   * @param tf ops
   * @param q the posterior
   * @return the KL per example and dimension, [batch, z], or empty
   */
  default Optional<Operand<TFloat32>> analyticKlPerDimension(Ops tf, Posterior q) {
    return Optional.empty();
  }

  /**
   * What this is, in a few words, for model descriptions (the class name by default).
   *
   * @return the description
   */
  default String describe() {
    return getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
  }
}
