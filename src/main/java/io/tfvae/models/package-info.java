/**
 * Models, central type {@link io.tfvae.models.Vae}.
 *
 * <p>Lifecycle of every model: a {@link io.tfvae.config.ModelDefinition} → the graph built (the
 * model's constructor creates its variables through a {@link io.tfvae.nn.Parameters} factory and
 * its methods add bound, sampling and coding ops) → a session initialised (or restored) → trained
 * by {@link io.tfvae.training.Trainer} → exported by {@link io.tfvae.export.SavedModelExport}.
 */
package io.tfvae.models;
