/**
 * Models, central type {@link io.tfvae.models.Model}; {@link io.tfvae.models.Models} is the one
 * place that maps a definition to a class ({@link io.tfvae.models.Vae}, {@link
 * io.tfvae.models.Ssvae}, {@link io.tfvae.models.Classifier}), and {@link
 * io.tfvae.models.Signatures} holds the SavedModel contract every model exports through.
 *
 * <p>Lifecycle of every model: a {@link io.tfvae.config.ModelDefinition} → a {@link
 * io.tfvae.models.ModelFactory} → the graph built (the model's constructor creates its variables
 * through a {@link io.tfvae.nn.Parameters} factory) → {@code prepare} (the training data) → {@code
 * training} (loss and metrics) → a session initialised (or restored) and trained by {@link
 * io.tfvae.training.Trainer} → {@code signatures}, built again over restore-only variables and
 * written by {@link io.tfvae.export.SavedModelExport}.
 */
package io.tfvae.models;
