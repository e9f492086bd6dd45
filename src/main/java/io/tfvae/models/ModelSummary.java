package io.tfvae.models;

/**
 * What the manifest records about a model.
 *
 * @param kind a short name ({@code vae}, {@code gmvae}, {@code fsvae}, {@code ssvae}, {@code
 *     classifier}, or a user model's own)
 * @param latentDim size of z (0 for a classifier)
 * @param classes label classes the model is conditioned on or predicts (0: none)
 * @param likelihood p(x|z)'s name ({@code bernoulli}, {@code gaussian}; "none" for a classifier)
 * @param latentLayers the sizes of z's stochastic layers, bottom (the one the decoder reads) first;
 *     z = [z_1, ..., z_L] in every signature
 */
public record ModelSummary(
    String kind, int latentDim, int classes, String likelihood, int[] latentLayers) {
  /**
   * A summary of a model with one stochastic layer.
   *
   * @param kind a short name
   * @param latentDim size of z
   * @param classes label classes (0: none)
   * @param likelihood p(x|z)'s name
   */
  public ModelSummary(String kind, int latentDim, int classes, String likelihood) {
    this(kind, latentDim, classes, likelihood, new int[] {latentDim});
  }
}
