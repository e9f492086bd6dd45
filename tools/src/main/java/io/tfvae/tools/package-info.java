/**
 * The evaluation CLI {@code tools/bin/tfvae} (central type {@link io.tfvae.tools.ModelHandle}).
 *
 * <p>It reaches a model only through the SavedModel signature contract (keys and tensor names in
 * {@link io.tfvae.tools.Contract}) and reads test sets with the framework's {@code io.tfvae.data}
 * package; it never uses the framework's model, training or export code (ArchitectureTest).
 */
package io.tfvae.tools;
