package io.tfvae.config.parts;

import io.tfvae.nn.BlockSpec;

/**
 * One layer of a conv network as a definition writes it: the recipe, and the name its variables
 * live under ({@code conv_2}: the kind's name and the layer's index).
 *
 * @param kind the block's name before its index ("conv", "upsample", "residual")
 * @param spec the block's recipe
 */
public record LayerPart(String kind, BlockSpec spec) {
  /**
   * {@return the block's name at a position of the network}
   *
   * @param index the layer's index in {@code conv.layers}
   */
  public String name(int index) {
    return kind + "_" + index;
  }
}
