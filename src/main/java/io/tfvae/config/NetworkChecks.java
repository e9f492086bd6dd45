package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.Network;

/** A network's settings: an MLP's widths and activation, or a conv network's layers. */
final class NetworkChecks {
  private NetworkChecks() {}

  static void network(Fields at, Network n) {
    if (n.hasConv()) {
      conv(at, n);
      return;
    }
    at.sizes("hidden", n.getHiddenList());
    at.activation("activation", n.getActivation());
  }

  /** A network that must be an MLP (models whose networks read labels or codes beside x). */
  static void mlpOnly(Fields at, Network n) {
    if (n.hasConv()) {
      at.fail("conv", "an MLP (hidden): conv networks are for vae models", "a conv network");
    }
    network(at, n);
  }

  /** A network whose model builds plain layers: weight_norm there would be ignored. */
  static void noWeightNorm(Fields at, Network n) {
    if (n.getWeightNorm()) {
      at.fail(
          "weight_norm",
          "false (weight normalization is built for the encoder, decoder and upper_layers"
              + " networks of vae models and the encoder and decoder of ssvae models)",
          true);
    }
  }

  private static void conv(Fields at, Network n) {
    if (n.getHiddenCount() > 0) {
      at.fail(
          "hidden",
          "no widths with conv (a network is an MLP or a conv network)",
          n.getHiddenList());
    }
    if (n.hasActivation()) {
      at.unused("activation", "not used with conv (each layer names its own); remove it");
    }
    var c = n.getConv();
    for (int d : c.getReshapeList()) {
      at.positive("conv.reshape", d);
    }
    at.positive("conv.output_kernel", c.getOutputKernel(), Fields.MAX_KERNEL);
    at.activation("conv.activation", c.getActivation());
    at.atMost("conv.layers", c.getLayersCount(), Fields.MAX_LAYERS, "layers");
    for (int i = 0; i < c.getLayersCount(); i++) {
      Fields layer = at.at("conv.layers[" + i + "]");
      if (PartMessages.LAYERS.setField(c.getLayers(i)).isEmpty()) {
        layer.fail("", "one of conv2d { ... }, upsample2d { ... }, residual { ... }", "none");
      }
      PartMessages.LAYERS.check(c.getLayers(i), layer);
    }
  }
}
