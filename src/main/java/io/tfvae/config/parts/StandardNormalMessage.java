package io.tfvae.config.parts;

import io.tfvae.config.proto.StandardNormal;
import io.tfvae.distributions.PriorFactory;

/** {@code standard_normal {}}: p(z) = N(0, I), the default. */
final class StandardNormalMessage implements PartMessage<StandardNormal, PriorFactory> {
  @Override
  public String field() {
    return "standard_normal";
  }

  @Override
  public Class<StandardNormal> messageType() {
    return StandardNormal.class;
  }

  @Override
  public PriorFactory read(StandardNormal m, PartInputs in) {
    return PriorFactory.standardNormal();
  }
}
