package io.tfvae.config.parts;

import io.tfvae.config.proto.Bernoulli;
import io.tfvae.distributions.BernoulliLikelihood;
import io.tfvae.distributions.Likelihood;

/** {@code bernoulli {}}: p(x | z) Bernoulli with the decoder's logits, the default. */
final class BernoulliMessage implements PartMessage<Bernoulli, Likelihood> {
  @Override
  public String field() {
    return "bernoulli";
  }

  @Override
  public Class<Bernoulli> messageType() {
    return Bernoulli.class;
  }

  @Override
  public Likelihood read(Bernoulli m, PartInputs in) {
    return new BernoulliLikelihood();
  }
}
