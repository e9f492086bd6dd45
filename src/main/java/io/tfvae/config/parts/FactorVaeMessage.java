package io.tfvae.config.parts;

import io.tfvae.objectives.FactorVae;
import io.tfvae.objectives.Objective;

/**
 * {@code factor_vae { gamma: 35 }}: the FactorVAE (Kim and Mnih 2018), its discriminator trained by
 * its own optimizer.
 */
final class FactorVaeMessage implements PartMessage<io.tfvae.config.proto.FactorVae, Objective> {
  /** The paper's discriminator: six hidden layers of 1000 units. */
  private static final int[] PAPER_DISCRIMINATOR = {1000, 1000, 1000, 1000, 1000, 1000};

  @Override
  public String field() {
    return "factor_vae";
  }

  @Override
  public Class<io.tfvae.config.proto.FactorVae> messageType() {
    return io.tfvae.config.proto.FactorVae.class;
  }

  @Override
  public void check(io.tfvae.config.proto.FactorVae m, Fields at) {
    at.weight("gamma", m.getGamma());
    at.sizes("discriminator_hidden", m.getDiscriminatorHiddenList());
    at.finitePositive("learning_rate", m.getLearningRate());
    at.fraction("beta1", m.getBeta1());
    at.fraction("beta2", m.getBeta2());
  }

  @Override
  public Objective read(io.tfvae.config.proto.FactorVae m, PartInputs in) {
    int[] hidden =
        m.getDiscriminatorHiddenCount() == 0
            ? PAPER_DISCRIMINATOR.clone()
            : m.getDiscriminatorHiddenList().stream().mapToInt(Integer::intValue).toArray();
    return new FactorVae(m.getGamma(), hidden, m.getLearningRate(), m.getBeta1(), m.getBeta2());
  }
}
