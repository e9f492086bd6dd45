/**
 * Distributions: the formulas ({@link io.tfvae.dist.Gaussians}, {@link io.tfvae.dist.Bernoullis}),
 * the posterior {@link io.tfvae.dist.DiagonalGaussian}, and the pluggable pieces {@link
 * io.tfvae.dist.Prior} (p(z)) and {@link io.tfvae.dist.Likelihood} (p(x|z)).
 */
package io.tfvae.dist;
