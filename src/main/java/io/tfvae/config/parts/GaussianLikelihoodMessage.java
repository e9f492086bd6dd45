package io.tfvae.config.parts;

import io.tfvae.config.proto.Gaussian;
import io.tfvae.distributions.GaussianLikelihood;
import io.tfvae.distributions.Likelihood;

/** {@code gaussian { variance: 0.1 }}: p(x | z) Gaussian of fixed or learned variance. */
final class GaussianLikelihoodMessage implements PartMessage<Gaussian, Likelihood> {
  @Override
  public String field() {
    return "gaussian";
  }

  @Override
  public Class<Gaussian> messageType() {
    return Gaussian.class;
  }

  @Override
  public void check(Gaussian m, Fields at) {
    if (m.getLearnVariance() && m.hasVariance()) {
      at.unused(
          "variance",
          "not used with learn_variance: true (the decoder outputs the variance); remove it");
    }
    at.finitePositive("variance", m.getVariance());
  }

  @Override
  public Likelihood read(Gaussian m, PartInputs in) {
    return new GaussianLikelihood(m.getVariance(), m.getLearnVariance());
  }
}
