package io.tfvae.dist;

import io.tfvae.nn.Parameters;

/**
 * Builds a prior once the model's encoder exists, so that a prior may be made of it (an
 * empirical-Bayes prior) and may own variables.
 */
@FunctionalInterface
public interface PriorFactory {
  /**
   * Creates the prior and its variables.
   *
   * @param params the variable factory
   * @param latentDim size of z
   * @param encoder the model's encoder
   * @return p(z)
   */
  Prior create(Parameters params, int latentDim, Encoder encoder);
}
