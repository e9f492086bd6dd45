package io.tfvae.config;

import io.tfvae.config.parts.ElboSettings;
import io.tfvae.config.parts.Fields;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.CategoricalVaeDef;
import io.tfvae.config.proto.FreeBits;
import io.tfvae.config.proto.Objective;

/** The Gumbel-Softmax VAE's settings: its code's size, temperature schedule and objective. */
final class CategoricalVaeChecks {
  private CategoricalVaeChecks() {}

  static void check(Fields root, CategoricalVaeDef c, Binarization binarization) {
    Fields at = root.at("categorical_vae");
    at.positive("variables", c.getVariables());
    if (c.getClasses() < 2) {
      at.fail("classes", "a number >= 2", c.getClasses());
    }
    NetworkChecks.mlpOnly(at.at("encoder"), c.getEncoder());
    NetworkChecks.mlpOnly(at.at("decoder"), c.getDecoder());
    NetworkChecks.noWeightNorm(at.at("encoder"), c.getEncoder());
    NetworkChecks.noWeightNorm(at.at("decoder"), c.getDecoder());
    PartChecks.likelihood(root, at.at("likelihood"), c.getLikelihood(), binarization);
    var t = c.getTemperature();
    at.finitePositive("temperature.min", t.getMin());
    if (!(t.getInitial() >= t.getMin()) || Float.isInfinite(t.getInitial())) {
      at.fail(
          "temperature.initial",
          "a finite number >= temperature.min (" + t.getMin() + ")",
          t.getInitial());
    }
    at.weight("temperature.rate", t.getRate());
    if (c.hasObjective()) {
      Objective o = c.getObjective();
      if (o.getBoundCase() != Objective.BoundCase.ELBO
          && o.getBoundCase() != Objective.BoundCase.BOUND_NOT_SET) {
        at.fail(
            "objective",
            "elbo {} (the relaxed code has no density for the other objectives)",
            o.getBoundCase().name().toLowerCase(java.util.Locale.ROOT));
      }
      ElboSettings.check(o, at.at("objective"));
      if (o.hasFreeBits() && o.getFreeBits().getGroups() != FreeBits.Groups.TOTAL) {
        at.fail(
            "objective.free_bits.groups",
            "TOTAL (the categorical code's KL has no closed form per latent dimension here)",
            o.getFreeBits().getGroups());
      }
    }
  }
}
