/**
 * Small helpers shared by the framework and the tools: the user-error type {@link
 * io.tfvae.util.TfvaeException} and its one-line handler {@link io.tfvae.util.Errors}, message
 * text, atomic file writes, image-grid tiling and TensorFlow session configuration.
 */
package io.tfvae.util;
