package io.tfvae.nn;

import java.util.List;

/** Helpers over built blocks. */
public final class Blocks {
  private Blocks() {}

  /**
   * The last single layer of a block: the block itself if it has no parts, else the last layer of
   * its last part (what an error about the block's output names).
   *
   * @param block a block
   * @return its last layer
   */
  public static Block lastLayer(Block block) {
    Block b = block;
    while (!b.parts().isEmpty()) {
      List<Block> parts = b.parts();
      b = parts.get(parts.size() - 1);
    }
    return b;
  }
}
