/**
 * Training objectives of latent-variable models: an {@link io.tfvae.objectives.Objective} turns a
 * model's {@link io.tfvae.objectives.StepRecord} at one step into the loss ({@link
 * io.tfvae.objectives.Elbo} with β, KL warm-up and free bits; {@link io.tfvae.objectives.Iwae};
 * {@link io.tfvae.objectives.WeightedSum}, the SSVAE's weighted ELBO and cross-entropy).
 */
package io.tfvae.objectives;
