/**
 * Network blocks: a {@link io.tfvae.nn.Block} is built into a graph from its graph-free recipe, a
 * {@link io.tfvae.nn.BlockSpec}, with weights created by a {@link io.tfvae.nn.Parameters} factory
 * (initialised for training, or left for a restore). Layers: {@link io.tfvae.nn.Dense}, {@link
 * io.tfvae.nn.Conv2d}, {@link io.tfvae.nn.Upsample2d}, {@link io.tfvae.nn.Residual}, {@link
 * io.tfvae.nn.Reshape}; compositions: {@link io.tfvae.nn.Mlp}, {@link io.tfvae.nn.Sequential}.
 */
package io.tfvae.nn;
