package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.SsvaeDef;

/** The SSVAE's settings: its weights, its networks and parts, and which images are labelled. */
final class SsvaeChecks {
  private SsvaeChecks() {}

  static void check(Fields root, SsvaeDef s, Binarization binarization) {
    Fields at = root.at("ssvae");
    at.positive("latent_dim", s.getLatentDim());
    at.positive("classes", s.getClasses());
    NetworkChecks.mlpOnly(at.at("classifier"), s.getClassifier());
    NetworkChecks.noWeightNorm(at.at("classifier"), s.getClassifier());
    at.weight("gen_weight", s.getGenWeight());
    at.weight("class_weight", s.getClassWeight());
    if (s.getGenWeight() == 0f) {
      // The classifier alone: the generative parts are not built, so settings for them would lie.
      String unused =
          s.hasEncoder()
              ? "encoder"
              : s.hasDecoder()
                  ? "decoder"
                  : s.hasPrior() ? "prior" : s.hasLikelihood() ? "likelihood" : null;
      if (unused != null) {
        at.unused(
            unused,
            "not used when ssvae.gen_weight is 0 (the classifier is trained alone); remove it"
                + " (--set ssvae."
                + unused
                + "= clears it)");
      }
    } else {
      NetworkChecks.mlpOnly(at.at("encoder"), s.getEncoder());
      NetworkChecks.mlpOnly(at.at("decoder"), s.getDecoder());
      PartMessages.PRIORS.check(s.getPrior(), at.at("prior"));
      PartChecks.likelihood(root, at.at("likelihood"), s.getLikelihood(), binarization);
      if (s.getPrior().hasVamp()) {
        at.fail(
            "prior",
            "standard_normal or mixture (the SSVAE's encoder reads labels, which pseudo-inputs lack)",
            "vamp");
      }
    }
    var labelled = s.getLabelled();
    switch (labelled.getChoiceCase()) {
      case EXPLICIT:
        if (labelled.getExplicit().getIndicesCount() == 0) {
          at.fail("labelled.explicit.indices", "at least one training-set index", "none");
        }
        for (int i : labelled.getExplicit().getIndicesList()) {
          if (i < 0) {
            at.fail("labelled.explicit.indices", "indices >= 0", i);
          }
        }
        break;
      case SEEDED:
        at.positive("labelled.seeded.per_class", labelled.getSeeded().getPerClass());
        break;
      default:
        break;
    }
  }
}
