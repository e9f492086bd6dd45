package io.tfvae.config.parts;

import io.tfvae.data.ImageSet;

/**
 * What a part may need beyond its own message.
 *
 * @param dataDim the size of one example, x flat
 * @param trainingImages the training images (a VampPrior may start from them), or null
 * @param weightNorm whether the network a layer belongs to is weight-normalized
 */
public record PartInputs(int dataDim, ImageSet trainingImages, boolean weightNorm) {
  /** For parts that need nothing beyond their message (objectives, posteriors, likelihoods). */
  public static final PartInputs NONE = new PartInputs(0, null, false);

  /**
   * For a prior, which may be made of the data.
   *
   * @param dataDim the size of one example, x flat
   * @param trainingImages the training images, or null
   * @return the inputs
   */
  public static PartInputs ofData(int dataDim, ImageSet trainingImages) {
    return new PartInputs(dataDim, trainingImages, false);
  }

  /**
   * For the layers of a network.
   *
   * @param weightNorm the network's {@code weight_norm}
   * @return the inputs
   */
  public static PartInputs ofLayers(boolean weightNorm) {
    return new PartInputs(0, null, weightNorm);
  }
}
