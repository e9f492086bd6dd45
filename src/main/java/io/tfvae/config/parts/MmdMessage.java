package io.tfvae.config.parts;

import io.tfvae.objectives.Mmd;
import io.tfvae.objectives.Objective;

/** {@code mmd { mmd_weight: 10 }}: InfoVAE's and WAE-MMD's objective. */
final class MmdMessage implements PartMessage<io.tfvae.config.proto.Mmd, Objective> {
  @Override
  public String field() {
    return "mmd";
  }

  @Override
  public Class<io.tfvae.config.proto.Mmd> messageType() {
    return io.tfvae.config.proto.Mmd.class;
  }

  @Override
  public void check(io.tfvae.config.proto.Mmd m, Fields at) {
    at.weight("kl_weight", m.getKlWeight());
    at.weight("mmd_weight", m.getMmdWeight());
    at.finitePositive("bandwidth", m.getBandwidth());
    if (m.getKernel() == io.tfvae.config.proto.Mmd.Kernel.KERNEL_UNSPECIFIED) {
      at.fail("kernel", "INVERSE_MULTIQUADRATIC or RBF", m.getKernel());
    }
  }

  @Override
  public Objective read(io.tfvae.config.proto.Mmd m, PartInputs in) {
    return new Mmd(
        m.getKlWeight(),
        m.getMmdWeight(),
        m.getKernel() == io.tfvae.config.proto.Mmd.Kernel.RBF
            ? Mmd.Kernel.RBF
            : Mmd.Kernel.INVERSE_MULTIQUADRATIC,
        m.getBandwidth());
  }
}
