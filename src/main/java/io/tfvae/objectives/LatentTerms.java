package io.tfvae.objectives;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a latent-variable model offers an {@link Objective} at one training step, per example of the
 * batch, all at the step's noise: the reconstruction term, the KL term, and the IWAE bound.
 */
public interface LatentTerms {
  /**
   * The negative ELBO rec + KL, as the model computes it (a model that sums over a discrete label,
   * as the SSVAE does, adds its terms in its own order).
   *
   * @return [batch]
   */
  Operand<TFloat32> nelbo();

  /**
   * −log p(x | z) at one reparameterized sample z ~ q(z | x).
   *
   * @return [batch]
   */
  Operand<TFloat32> rec();

  /**
   * KL(q(z | x) ‖ p(z)): in closed form where the pair has one, else log q(z|x) − log p(z) at the
   * same sample.
   *
   * @return [batch]
   */
  Operand<TFloat32> kl();

  /**
   * The KL of each latent dimension, KL(q(z_j | x) ‖ p(z_j)), where the prior and the posterior
   * both factorise over dimensions and the KL has a closed form (a diagonal Gaussian against a
   * standard normal); empty otherwise.
   *
   * @return [batch, latent_dim], or empty
   */
  Optional<Operand<TFloat32>> klPerDimension();

  /**
   * The negative IWAE-k bound (Burda et al. 2016, eq. 8), its k samples drawn with the step's noise
   * key.
   *
   * @param k importance samples, at least 1
   * @return [batch]
   */
  Operand<TFloat32> negativeIwae(int k);

  /**
   * Other losses the model offers by name, each a scalar already averaged over its examples (the
   * SSVAE's {@code cross_entropy} of q(y | x) on its labelled images), for objectives that weight
   * them in ({@link WeightedSum}).
   *
   * @return the losses, empty by default
   */
  default java.util.Map<String, Operand<TFloat32>> auxiliaryLosses() {
    return java.util.Map.of();
  }
}
