/**
 * Training, central type {@link io.tfvae.training.Trainer}: Adam from tensorflow-framework over
 * shuffled, freshly binarized batches, with atomic {@link io.tfvae.training.Checkpoints}, exact
 * resume and {@link io.tfvae.training.TrainingListener}s (progress line, custom hooks).
 *
 * <p>Reproducibility: the initial weights, the data order ({@link io.tfvae.data.EpochOrder}), the
 * binarization of every batch and the reparameterization noise are all functions of (seed, step)
 * computed by stateless random ops, so the same seed, data and thread count give the same losses,
 * and a run resumed from a checkpoint continues exactly as if it had never stopped.
 */
package io.tfvae.training;
