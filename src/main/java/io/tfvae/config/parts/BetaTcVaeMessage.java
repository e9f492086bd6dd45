package io.tfvae.config.parts;

import io.tfvae.objectives.BetaTcVae;
import io.tfvae.objectives.Objective;

/** {@code beta_tcvae { beta: 6 }}: the β-TCVAE (Chen et al. 2018). */
final class BetaTcVaeMessage implements PartMessage<io.tfvae.config.proto.BetaTcVae, Objective> {
  @Override
  public String field() {
    return "beta_tcvae";
  }

  @Override
  public Class<io.tfvae.config.proto.BetaTcVae> messageType() {
    return io.tfvae.config.proto.BetaTcVae.class;
  }

  @Override
  public void check(io.tfvae.config.proto.BetaTcVae m, Fields at) {
    at.weight("alpha", m.getAlpha());
    at.weight("beta", m.getBeta());
    at.weight("gamma", m.getGamma());
    if (m.getEstimator() == io.tfvae.config.proto.BetaTcVae.Estimator.ESTIMATOR_UNSPECIFIED) {
      at.fail("estimator", "MINIBATCH_WEIGHTED or MINIBATCH_STRATIFIED", m.getEstimator());
    }
  }

  @Override
  public Objective read(io.tfvae.config.proto.BetaTcVae m, PartInputs in) {
    return new BetaTcVae(
        m.getAlpha(),
        m.getBeta(),
        m.getGamma(),
        m.getEstimator() == io.tfvae.config.proto.BetaTcVae.Estimator.MINIBATCH_STRATIFIED
            ? BetaTcVae.Estimator.MINIBATCH_STRATIFIED
            : BetaTcVae.Estimator.MINIBATCH_WEIGHTED);
  }
}
