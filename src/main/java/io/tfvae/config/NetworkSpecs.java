package io.tfvae.config;

import io.tfvae.config.parts.LayerPart;
import io.tfvae.config.parts.PartInputs;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.ConvNetwork;
import io.tfvae.config.proto.Network;
import io.tfvae.nn.Activation;
import io.tfvae.nn.BlockSpec;
import io.tfvae.nn.Conv2d;
import io.tfvae.nn.Dense;
import io.tfvae.nn.GroupedFlatten;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Reshape;
import io.tfvae.nn.Sequential;
import org.tensorflow.ndarray.Shape;

/**
 * The definition's {@code Network} messages as block recipes: an MLP, or a convolutional stack with
 * the input and output layers the model's role needs. The one place that reads a network message;
 * models receive {@link BlockSpec}s.
 */
public final class NetworkSpecs {
  private NetworkSpecs() {}

  /**
   * A network that reads a vector and ends in a linear layer of {@code outWidth} (an encoder, a
   * classifier): the MLP, or image → conv layers → flatten → dense.
   *
   * @param n the message
   * @param image the data's image shape [H, W, C] (the conv network reads x as this)
   * @param outWidth the output width
   * @return the recipe
   */
  public static BlockSpec encoder(Network n, Shape image, int outWidth) {
    if (!n.hasConv()) {
      return mlp(n, outWidth);
    }
    boolean wn = n.getWeightNorm();
    Sequential.Builder b = Sequential.builder().add("image", Reshape.to(image.asArray()));
    addLayers(b, n.getConv(), wn);
    return b.add("flatten", Reshape.flatten())
        .add("output", Dense.spec(outWidth, Activation.LINEAR, wn))
        .build();
  }

  /**
   * A network that reads a code and ends in {@code outWidth} = k·H·W·C values (a decoder): the MLP,
   * or dense → reshape → conv layers → linear convolution to k·C channels → k flat images.
   *
   * @param n the message
   * @param image the data's image shape [H, W, C]
   * @param outWidth the likelihood's parameters, a multiple of H·W·C
   * @return the recipe
   */
  public static BlockSpec decoder(Network n, Shape image, int outWidth) {
    if (!n.hasConv()) {
      return mlp(n, outWidth);
    }
    boolean wn = n.getWeightNorm();
    ConvNetwork c = n.getConv();
    long[] start = c.getReshapeList().stream().mapToLong(Integer::longValue).toArray();
    long startSize = 1;
    for (long d : start) {
      startSize *= d;
    }
    int groups = Math.toIntExact(outWidth / image.size());
    Sequential.Builder b =
        Sequential.builder()
            .add("input", Dense.spec(Math.toIntExact(startSize), activation(c.getActivation()), wn))
            .add("reshape", Reshape.to(start));
    addLayers(b, c, wn);
    BlockSpec out =
        Conv2d.builder()
            .setFilters(Math.toIntExact(image.get(2) * groups))
            .optKernelSize(c.getOutputKernel())
            .optWeightNorm(wn)
            .build();
    return b.add("output", requireSize(out, image, c.getLayersCount()))
        .add("parameters", GroupedFlatten.spec(groups))
        .build();
  }

  /** The last convolution, refusing an input image whose height and width are not the data's. */
  private static BlockSpec requireSize(BlockSpec conv, Shape image, int layers) {
    return (params, name, input) -> {
      if (input.numDimensions() != 3
          || input.get(0) != image.get(0)
          || input.get(1) != image.get(1)) {
        String before = layers == 0 ? "reshape" : "layers[" + (layers - 1) + "]";
        throw new IllegalArgumentException(
            "conv."
                + before
                + " gives "
                + io.tfvae.nn.Shapes.text(input)
                + ", expected height and width ["
                + image.get(0)
                + ", "
                + image.get(1)
                + "] of the data");
      }
      return conv.create(params, name, input);
    };
  }

  /**
   * The MLP of a message: its hidden layers, then a linear layer of {@code outWidth}.
   *
   * @param n the message (without conv)
   * @param outWidth the output width
   * @return the recipe
   */
  public static BlockSpec mlp(Network n, int outWidth) {
    return Mlp.spec(hidden(n), outWidth, activation(n.getActivation()), n.getWeightNorm());
  }

  private static void addLayers(Sequential.Builder b, ConvNetwork c, boolean wn) {
    for (int i = 0; i < c.getLayersCount(); i++) {
      int index = i;
      LayerPart part =
          PartMessages.LAYERS
              .read(c.getLayers(i), PartInputs.ofLayers(wn))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "conv.layers["
                              + index
                              + "]: expected one of conv2d, upsample2d, residual, got none"));
      b.add(part.name(i), part.spec());
    }
  }

  /**
   * The MLP's hidden widths.
   *
   * @param n the message
   * @return the widths
   */
  public static int[] hidden(Network n) {
    return n.getHiddenList().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The schema's activation as a block's.
   *
   * @param a the schema's value (not unspecified)
   * @return the activation
   */
  public static Activation activation(io.tfvae.config.proto.Activation a) {
    switch (a) {
      case ELU:
        return Activation.ELU;
      case RELU:
        return Activation.RELU;
      case TANH:
        return Activation.TANH;
      case LINEAR:
        return Activation.LINEAR;
      default:
        throw new IllegalArgumentException(
            "activation: expected ELU, RELU, TANH or LINEAR, got " + a);
    }
  }
}
