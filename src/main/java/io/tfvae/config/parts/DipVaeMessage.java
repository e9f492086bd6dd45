package io.tfvae.config.parts;

import io.tfvae.objectives.DipVae;
import io.tfvae.objectives.Objective;

/** {@code dip_vae { kind: II }}: DIP-VAE-I or -II (Kumar et al. 2018). */
final class DipVaeMessage implements PartMessage<io.tfvae.config.proto.DipVae, Objective> {
  @Override
  public String field() {
    return "dip_vae";
  }

  @Override
  public Class<io.tfvae.config.proto.DipVae> messageType() {
    return io.tfvae.config.proto.DipVae.class;
  }

  @Override
  public void check(io.tfvae.config.proto.DipVae m, Fields at) {
    at.weight("lambda_od", m.getLambdaOd());
    at.weight("lambda_d", m.getLambdaD());
    if (m.getKind() == io.tfvae.config.proto.DipVae.Kind.KIND_UNSPECIFIED) {
      at.fail("kind", "I or II", m.getKind());
    }
  }

  @Override
  public Objective read(io.tfvae.config.proto.DipVae m, PartInputs in) {
    return new DipVae(
        m.getKind() == io.tfvae.config.proto.DipVae.Kind.II ? DipVae.Kind.II : DipVae.Kind.I,
        m.getLambdaOd(),
        m.getLambdaD());
  }
}
