package io.tfvae.distributions;

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

  /**
   * N(0, I), the default prior.
   *
   * @return its factory
   */
  static PriorFactory standardNormal() {
    return (params, latentDim, encoder) -> new StandardNormalPrior(latentDim);
  }

  /**
   * A uniform mixture of k diagonal Gaussians with learned means and variances (the GMVAE).
   *
   * @param components k
   * @return its factory
   */
  static PriorFactory mixtureOfGaussians(int components) {
    return (params, latentDim, encoder) ->
        new MixtureOfGaussiansPrior(params, components, latentDim);
  }

  /**
   * The VampPrior (Tomczak and Welling 2018): (1/K) Σ_k q(z | u_k), the model's own encoder at K
   * learned pseudo-inputs u_k = sigmoid(a_k), a_k starting from N(0, 0.1²). Gaussian posteriors
   * only.
   *
   * @param components K
   * @param dataDim D, the size of one input
   * @return its factory
   */
  static PriorFactory vamp(int components, int dataDim) {
    return (params, latentDim, encoder) ->
        new VampPrior(params, components, dataDim, latentDim, encoder);
  }
}
