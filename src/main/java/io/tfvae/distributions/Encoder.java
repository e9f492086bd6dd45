package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A model's inference network as a function x → q(z | x), handed to priors that are built from it
 * (an empirical-Bayes prior such as the VampPrior passes pseudo-inputs through it).
 */
@FunctionalInterface
public interface Encoder {
  /**
   * q(z | x).
   *
   * @param tf ops
   * @param x inputs, [batch, dataDim]
   * @return the posterior
   */
  Posterior encode(Ops tf, Operand<TFloat32> x);
}
