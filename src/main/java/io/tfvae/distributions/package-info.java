/**
 * Distributions: the formulas ({@link io.tfvae.distributions.Gaussians}, {@link
 * io.tfvae.distributions.Bernoullis}), the posterior {@link
 * io.tfvae.distributions.DiagonalGaussian}, and the pluggable pieces {@link
 * io.tfvae.distributions.Prior} (p(z)) and {@link io.tfvae.distributions.Likelihood} (p(x|z)).
 */
package io.tfvae.distributions;
