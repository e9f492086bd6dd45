package io.tfvae.config.parts;

import io.tfvae.data.ImageSet;

/**
 * What a part may need beyond its own message.
 *
 * @param dataDim the size of one example, x flat
 * @param trainingImages the training images (a VampPrior may start from them), or null
 */
public record PartInputs(int dataDim, ImageSet trainingImages) {
  /** For parts that need nothing beyond their message (objectives, posteriors, likelihoods). */
  public static final PartInputs NONE = new PartInputs(0, null);
}
