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
}
