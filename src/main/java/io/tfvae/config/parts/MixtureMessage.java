package io.tfvae.config.parts;

import io.tfvae.config.proto.Mixture;
import io.tfvae.distributions.PriorFactory;

/** {@code mixture { components: 500 }}: the GMVAE's learned mixture of Gaussians. */
final class MixtureMessage implements PartMessage<Mixture, PriorFactory> {
  @Override
  public String field() {
    return "mixture";
  }

  @Override
  public Class<Mixture> messageType() {
    return Mixture.class;
  }

  @Override
  public void check(Mixture m, Fields at) {
    at.positive("components", m.getComponents());
  }

  @Override
  public PriorFactory read(Mixture m, PartInputs in) {
    return PriorFactory.mixtureOfGaussians(m.getComponents());
  }
}
