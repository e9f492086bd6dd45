package io.tfvae.config.parts;

import io.tfvae.objectives.Capacity;
import io.tfvae.objectives.Objective;

/** {@code capacity { gamma: 1000 max_nats: 25 }}: the AnnealedVAE (Burgess et al. 2018). */
final class CapacityMessage implements PartMessage<io.tfvae.config.proto.Capacity, Objective> {
  @Override
  public String field() {
    return "capacity";
  }

  @Override
  public Class<io.tfvae.config.proto.Capacity> messageType() {
    return io.tfvae.config.proto.Capacity.class;
  }

  @Override
  public void check(io.tfvae.config.proto.Capacity m, Fields at) {
    at.finitePositive("gamma", m.getGamma());
    at.weight("max_nats", m.getMaxNats());
    at.positive("steps", m.getSteps(), Fields.MAX_STEPS);
  }

  @Override
  public Objective read(io.tfvae.config.proto.Capacity m, PartInputs in) {
    return new Capacity(m.getGamma(), m.getMaxNats(), m.getSteps());
  }
}
