package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.Likelihood;

/** What several models check alike about their parts: a likelihood against the data's values. */
final class PartChecks {
  private PartChecks() {}

  /** The likelihood's own fields, and a Gaussian only on pixels that stay in [0, 1]. */
  static void likelihood(Fields root, Fields at, Likelihood l, Binarization binarization) {
    PartMessages.LIKELIHOODS.check(l, at);
    if (l.hasGaussian() && binarization == Binarization.DYNAMIC) {
      root.fail(
          "data.binarization",
          "NONE with a gaussian likelihood (pixels stay in [0, 1])",
          "DYNAMIC");
    }
  }
}
