/**
 * Networks: {@link io.tfvae.nn.Mlp} of {@link io.tfvae.nn.Dense} layers, with weights created by a
 * {@link io.tfvae.nn.Parameters} factory (initialised for training, or left for a restore).
 */
package io.tfvae.nn;
