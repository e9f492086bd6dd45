package io.tfvae.config.parts;

import io.tfvae.config.proto.GaussianPosterior;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.PosteriorFamily;

/** {@code gaussian {}}: q(z | x) = N(μ, diag σ²), the default. */
final class GaussianPosteriorMessage implements PartMessage<GaussianPosterior, PosteriorFamily> {
  @Override
  public String field() {
    return "gaussian";
  }

  @Override
  public Class<GaussianPosterior> messageType() {
    return GaussianPosterior.class;
  }

  @Override
  public PosteriorFamily read(GaussianPosterior m, PartInputs in) {
    return DiagonalGaussian.FAMILY;
  }
}
