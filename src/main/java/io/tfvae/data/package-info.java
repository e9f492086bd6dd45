/**
 * Datasets: IDX readers ({@link io.tfvae.data.Idx}), the MNIST splits ({@link io.tfvae.data.Mnist},
 * central type {@link io.tfvae.data.ImageSet}), SVHN's MAT files ({@link io.tfvae.data.Svhn}), a
 * checksummed downloader ({@link io.tfvae.data.Downloader}), dSprites generated in the JVM ({@link
 * io.tfvae.data.Dsprites}) with its ground-truth factors ({@link io.tfvae.data.Factors}), the fixed
 * test-set binarization ({@link io.tfvae.data.Binarization}) and the per-epoch shuffle ({@link
 * io.tfvae.data.EpochOrder}).
 *
 * <p>This package depends on nothing else of the framework: the tools module reads test sets
 * through it.
 */
package io.tfvae.data;
