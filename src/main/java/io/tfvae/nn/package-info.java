/**
 * Network blocks: a {@link io.tfvae.nn.Block} is built into a graph from its graph-free recipe, a
 * {@link io.tfvae.nn.BlockSpec}, with weights created by a {@link io.tfvae.nn.Parameters} factory
 * (initialised for training, or left for a restore). Layers: {@link io.tfvae.nn.Dense}, {@link
 * io.tfvae.nn.Conv2d}, {@link io.tfvae.nn.Upsample2d}, {@link io.tfvae.nn.Residual}, {@link
 * io.tfvae.nn.Reshape}; compositions: {@link io.tfvae.nn.Mlp}, {@link io.tfvae.nn.Sequential}.
 *
 * <p>Dense and convolutional layers may be weight-normalized (Salimans and Kingma 2016): kernel w =
 * g · v / ‖v‖ per output unit, variables {@code <layer>.v}, {@code .g}, {@code .b}. On its first
 * application in a graph built by {@link io.tfvae.nn.Parameters#initialized}, such a layer adds a
 * data-dependent initializer ({@link io.tfvae.nn.Parameters#addDataInitializer}) that sets g and b
 * so that its pre-activations on that batch have mean 0 and variance 1 per unit; the trainer runs
 * them, layer after layer, on the batch of step 0 of a fresh run.
 */
package io.tfvae.nn;
