package io.tfvae.config.parts;

import io.tfvae.config.NetworkSpecs;
import io.tfvae.nn.Upsample2d;

/** {@code upsample2d { filters: 32 factor: 2 }}: upsampling and a convolution. */
final class Upsample2dMessage implements PartMessage<io.tfvae.config.proto.Upsample2d, LayerPart> {
  @Override
  public String field() {
    return "upsample2d";
  }

  @Override
  public Class<io.tfvae.config.proto.Upsample2d> messageType() {
    return io.tfvae.config.proto.Upsample2d.class;
  }

  @Override
  public void check(io.tfvae.config.proto.Upsample2d m, Fields at) {
    at.positive("filters", m.getFilters());
    at.positive("kernel_size", m.getKernelSize(), Fields.MAX_KERNEL);
    at.positive("factor", m.getFactor(), Fields.MAX_KERNEL);
    at.activation("activation", m.getActivation());
    if (m.getMethod() == io.tfvae.config.proto.Upsample2d.Method.METHOD_UNSPECIFIED) {
      at.fail("method", "TRANSPOSED, NEAREST or DEPTH_TO_SPACE", m.getMethod());
    }
  }

  @Override
  public LayerPart read(io.tfvae.config.proto.Upsample2d m, PartInputs in) {
    return new LayerPart(
        "upsample",
        Upsample2d.builder()
            .setFilters(m.getFilters())
            .optKernelSize(m.getKernelSize())
            .optFactor(m.getFactor())
            .optMethod(Upsample2d.Method.valueOf(m.getMethod().name()))
            .optActivation(NetworkSpecs.activation(m.getActivation()))
            .optWeightNorm(in.weightNorm())
            .build());
  }
}
