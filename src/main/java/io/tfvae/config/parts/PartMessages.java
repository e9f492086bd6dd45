package io.tfvae.config.parts;

import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.objectives.Objective;
import java.util.List;
import java.util.Set;

/**
 * Every part a definition can name, by kind: the one list a new part joins. Each kind's registry
 * reads the field set in the schema's oneof for it; an unset oneof means the kind's default.
 */
public final class PartMessages {
  private PartMessages() {}

  /**
   * {@code Objective.bound}, beyond the ELBO, whose settings (beta, warm_up, free_bits) sit on the
   * objective itself ({@link ElboSettings}).
   */
  public static final PartRegistry<Objective> OBJECTIVES =
      new PartRegistry<>(
          "bound",
          Set.of("elbo"),
          List.of(
              new IwaeMessage(),
              new BetaTcVaeMessage(),
              new DipVaeMessage(),
              new CapacityMessage(),
              new MmdMessage(),
              new FactorVaeMessage(),
              new CiwaeMessage()));

  /** {@code Prior.kind}; default N(0, I). */
  public static final PartRegistry<PriorFactory> PRIORS =
      new PartRegistry<>(
          "kind",
          Set.of(),
          List.of(
              new StandardNormalMessage(),
              new MixtureMessage(),
              new VampMessage(),
              new RealNvpMessage()));

  /** {@code Posterior.kind}; default the diagonal Gaussian. */
  public static final PartRegistry<PosteriorFamily> POSTERIORS =
      new PartRegistry<>(
          "kind", Set.of(), List.of(new GaussianPosteriorMessage(), new IafMessage()));

  /** {@code Likelihood.kind}; default Bernoulli. */
  public static final PartRegistry<Likelihood> LIKELIHOODS =
      new PartRegistry<>(
          "kind", Set.of(), List.of(new BernoulliMessage(), new GaussianLikelihoodMessage()));

  /** {@code Layer.kind}: the layers of a conv network. */
  public static final PartRegistry<LayerPart> LAYERS =
      new PartRegistry<>(
          "kind",
          Set.of(),
          List.of(new Conv2dMessage(), new Upsample2dMessage(), new ResidualMessage()));

  /**
   * The objective a definition names: the registered bound, or the β-ELBO of the objective's own
   * settings for {@code elbo {}} or none.
   *
   * @param o the objective message
   * @return the objective
   */
  public static Objective objective(io.tfvae.config.proto.Objective o) {
    return OBJECTIVES.read(o, PartInputs.NONE).orElseGet(() -> ElboSettings.read(o));
  }

  /**
   * The prior a definition names, N(0, I) when none.
   *
   * @param p the prior message
   * @param in the data's width and training images (a VampPrior's)
   * @return the prior's factory
   */
  public static PriorFactory prior(io.tfvae.config.proto.Prior p, PartInputs in) {
    return PRIORS.read(p, in).orElseGet(PriorFactory::standardNormal);
  }

  /**
   * The posterior family a definition names, the diagonal Gaussian when none.
   *
   * @param p the posterior message
   * @return the family
   */
  public static PosteriorFamily posterior(io.tfvae.config.proto.Posterior p) {
    return POSTERIORS
        .read(p, PartInputs.NONE)
        .orElse(io.tfvae.distributions.DiagonalGaussian.FAMILY);
  }

  /**
   * The likelihood a definition names, Bernoulli when none.
   *
   * @param l the likelihood message
   * @return the likelihood
   */
  public static Likelihood likelihood(io.tfvae.config.proto.Likelihood l) {
    return LIKELIHOODS
        .read(l, PartInputs.NONE)
        .orElseGet(io.tfvae.distributions.BernoulliLikelihood::new);
  }
}
