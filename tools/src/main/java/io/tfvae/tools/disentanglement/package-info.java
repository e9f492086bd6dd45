/**
 * Disentanglement metrics over a {@link io.tfvae.tools.disentanglement.GroundTruth} data set and a
 * {@link io.tfvae.tools.disentanglement.Representation} (posterior means of {@code encode}),
 * following google-research/disentanglement_lib: {@link
 * io.tfvae.tools.disentanglement.BetaVaeScore}, {@link
 * io.tfvae.tools.disentanglement.FactorVaeScore}, {@link io.tfvae.tools.disentanglement.Mig},
 * {@link io.tfvae.tools.disentanglement.Dci} and {@link io.tfvae.tools.disentanglement.Sap}. Each
 * metric draws everything from one {@code java.util.SplittableRandom(seed)} in
 * disentanglement_lib's order, so a figure repeats to the last digit. The protocol is written down
 * in tools/README.md, "Disentanglement metrics".
 */
package io.tfvae.tools.disentanglement;
