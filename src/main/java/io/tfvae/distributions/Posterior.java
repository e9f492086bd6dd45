package io.tfvae.distributions;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The approximate posterior q(z | x) of one batch, built from the encoder's output by its {@link
 * PosteriorFamily}. A sample is a deterministic function of noise that the family draws, so bounds
 * are reparameterized and repeatable under a seed.
 */
public interface Posterior {
  /**
   * A sample z = g(noise), differentiable in the posterior's parameters.
   *
   * @param tf ops
   * @param noise the family's noise, [..., batch, noiseWidth] (leading sample axes broadcast)
   * @return z, [..., batch, z]
   */
  Operand<TFloat32> sample(Ops tf, Operand<TFloat32> noise);

  /**
   * log q(z | x), summed over the last axis.
   *
   * @param tf ops
   * @param z points, [..., batch, z]
   * @return log-density, [..., batch]
   */
  Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z);

  /**
   * The outputs of the {@code encode} signature, by name (a Gaussian: {@code z_mean}, {@code
   * z_variance}).
   *
   * @param tf ops
   * @return named tensors, each [batch, ...]
   */
  Map<String, Operand<TFloat32>> describe(Ops tf);

  /**
   * The diagonal Gaussian this posterior is, or starts from (an inverse autoregressive flow's z_0 ~
   * N(μ, σ²) before its steps), for priors made of the model's own posteriors: the VampPrior's
   * components. Null when there is none (categorical codes, stochastic layers).
   *
   * @return the Gaussian, or null
   */
  default DiagonalGaussian startingGaussian() {
    return null;
  }
}
