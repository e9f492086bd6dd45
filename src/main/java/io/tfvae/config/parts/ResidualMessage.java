package io.tfvae.config.parts;

import io.tfvae.config.NetworkSpecs;
import io.tfvae.config.proto.ResidualBlock;
import io.tfvae.nn.Residual;

/** {@code residual { scale: 0.1 }}: a residual block of two convolutions. */
final class ResidualMessage implements PartMessage<ResidualBlock, LayerPart> {
  @Override
  public String field() {
    return "residual";
  }

  @Override
  public Class<ResidualBlock> messageType() {
    return ResidualBlock.class;
  }

  @Override
  public void check(ResidualBlock m, Fields at) {
    at.positive("kernel_size", m.getKernelSize(), Fields.MAX_KERNEL);
    at.finitePositive("scale", m.getScale());
    at.activation("activation", m.getActivation());
  }

  @Override
  public LayerPart read(ResidualBlock m, PartInputs in) {
    return new LayerPart(
        "residual",
        Residual.spec(
            m.getKernelSize(),
            NetworkSpecs.activation(m.getActivation()),
            m.getScale(),
            in.weightNorm()));
  }
}
