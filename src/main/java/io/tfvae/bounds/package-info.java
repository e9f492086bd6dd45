/**
 * Bounds on log p(x): the β-weighted negative ELBO ({@link io.tfvae.bounds.NegativeElbo}) and the
 * negative IWAE bound, built from per-example log-densities by {@link io.tfvae.bounds.Bounds}.
 */
package io.tfvae.bounds;
