package io.tfvae.config.parts;

import io.tfvae.config.proto.FreeBits;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.Objective;

/**
 * The β-ELBO's settings, which sit on {@code objective} itself ({@code beta}, {@code warm_up},
 * {@code free_bits}) and apply to {@code elbo {}} or an unset bound.
 */
public final class ElboSettings {
  private ElboSettings() {}

  /**
   * Refuses β, a warm-up or a free-bits floor out of range.
   *
   * @param o the objective
   * @param at the objective's place ("vae.objective")
   */
  public static void check(io.tfvae.config.proto.Objective o, Fields at) {
    at.weight("beta", o.getBeta());
    if (o.hasWarmUp()) {
      at.positive("warm_up.steps", o.getWarmUp().getSteps(), Fields.MAX_STEPS);
      at.weight("warm_up.from", o.getWarmUp().getFrom());
    }
    if (o.hasFreeBits()) {
      float lambda = o.getFreeBits().getLambda();
      if (!(lambda > 0f) || Float.isInfinite(lambda)) {
        at.fail("free_bits.lambda", "a finite number > 0 (nats)", lambda);
      }
      if (o.getFreeBits().getGroups() == FreeBits.Groups.GROUPS_UNSPECIFIED) {
        at.fail("free_bits.groups", "PER_DIMENSION or TOTAL", o.getFreeBits().getGroups());
      }
    }
  }

  /**
   * The ELBO the settings describe.
   *
   * @param o the objective
   * @return the β-ELBO, with its warm-up and free bits
   */
  public static Objective read(io.tfvae.config.proto.Objective o) {
    Elbo.Builder b = Elbo.builder().optBeta(o.getBeta());
    if (o.hasWarmUp()) {
      b.optWarmUp(o.getWarmUp().getFrom(), o.getWarmUp().getSteps());
    }
    if (o.hasFreeBits()) {
      b.optFreeBits(
          o.getFreeBits().getLambda(),
          o.getFreeBits().getGroups() == FreeBits.Groups.TOTAL
              ? Elbo.FreeBitsGroups.TOTAL
              : Elbo.FreeBitsGroups.PER_DIMENSION);
    }
    return b.build();
  }
}
