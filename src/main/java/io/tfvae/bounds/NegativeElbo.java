package io.tfvae.bounds;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The terms of the negative ELBO, per example: nelbo = rec + β·kl.
 *
 * @param nelbo the β-weighted negative ELBO, [batch]
 * @param kl KL(q(z|x) ‖ p(z)) (closed form or a one-sample estimate), [batch]
 * @param rec −log p(x|z) at one reparameterized sample, [batch]
 */
public record NegativeElbo(Operand<TFloat32> nelbo, Operand<TFloat32> kl, Operand<TFloat32> rec) {}
