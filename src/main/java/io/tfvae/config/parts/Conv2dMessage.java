package io.tfvae.config.parts;

import io.tfvae.config.NetworkSpecs;
import io.tfvae.nn.Conv2d;
import io.tfvae.nn.Padding;

/** {@code conv2d { filters: 32 strides: 2 }}: a 2-D convolution. */
final class Conv2dMessage implements PartMessage<io.tfvae.config.proto.Conv2d, LayerPart> {
  @Override
  public String field() {
    return "conv2d";
  }

  @Override
  public Class<io.tfvae.config.proto.Conv2d> messageType() {
    return io.tfvae.config.proto.Conv2d.class;
  }

  @Override
  public void check(io.tfvae.config.proto.Conv2d m, Fields at) {
    at.positive("filters", m.getFilters());
    at.positive("kernel_size", m.getKernelSize(), Fields.MAX_KERNEL);
    at.positive("strides", m.getStrides(), Fields.MAX_KERNEL);
    at.activation("activation", m.getActivation());
    if (m.getPadding() == io.tfvae.config.proto.Padding.PADDING_UNSPECIFIED) {
      at.fail("padding", "SAME or VALID", m.getPadding());
    }
  }

  @Override
  public LayerPart read(io.tfvae.config.proto.Conv2d m, PartInputs in) {
    return new LayerPart(
        "conv",
        Conv2d.builder()
            .setFilters(m.getFilters())
            .optKernelSize(m.getKernelSize())
            .optStride(m.getStrides())
            .optPadding(
                m.getPadding() == io.tfvae.config.proto.Padding.VALID
                    ? Padding.VALID
                    : Padding.SAME)
            .optActivation(NetworkSpecs.activation(m.getActivation()))
            .optWeightNorm(in.weightNorm())
            .build());
  }
}
