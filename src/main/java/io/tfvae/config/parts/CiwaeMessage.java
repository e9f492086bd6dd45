package io.tfvae.config.parts;

import io.tfvae.objectives.Ciwae;
import io.tfvae.objectives.Objective;

/** {@code ciwae { beta: 0.5 k: 64 }}: the combination IWAE (Rainforth et al. 2018). */
final class CiwaeMessage implements PartMessage<io.tfvae.config.proto.Ciwae, Objective> {
  @Override
  public String field() {
    return "ciwae";
  }

  @Override
  public Class<io.tfvae.config.proto.Ciwae> messageType() {
    return io.tfvae.config.proto.Ciwae.class;
  }

  @Override
  public void check(io.tfvae.config.proto.Ciwae m, Fields at) {
    if (!(m.getBeta() >= 0f && m.getBeta() <= 1f)) {
      at.fail("beta", "a number in [0, 1] (the ELBO's weight)", m.getBeta());
    }
    at.positive("k", m.getK(), Fields.MAX_SAMPLES);
  }

  @Override
  public Objective read(io.tfvae.config.proto.Ciwae m, PartInputs in) {
    return new Ciwae(m.getBeta(), m.getK());
  }
}
