package io.tfvae.config.parts;

import io.tfvae.config.proto.Iwae;
import io.tfvae.objectives.Objective;

/** {@code iwae { k: 50 }}: the IWAE-k objective (Burda et al. 2016). */
final class IwaeMessage implements PartMessage<Iwae, Objective> {
  @Override
  public String field() {
    return "iwae";
  }

  @Override
  public Class<Iwae> messageType() {
    return Iwae.class;
  }

  @Override
  public void check(Iwae m, Fields at) {
    at.positive("k", m.getK(), Fields.MAX_SAMPLES);
  }

  @Override
  public Objective read(Iwae m, PartInputs in) {
    return io.tfvae.objectives.Iwae.withSamples(m.getK());
  }
}
