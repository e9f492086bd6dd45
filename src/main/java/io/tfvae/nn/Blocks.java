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

  /**
   * Applies a block of vector input to points with leading sample axes: [..., batch, in] becomes
   * rows, the block runs on them, and the rows take the leading axes back.
   *
   * @param tf ops
   * @param block a block of input [in] and output [out]
   * @param x points, [..., batch, in]
   * @return [..., batch, out]
   */
  public static org.tensorflow.Operand<org.tensorflow.types.TFloat32> applyToRows(
      org.tensorflow.op.Ops tf,
      Block block,
      org.tensorflow.Operand<org.tensorflow.types.TFloat32> x) {
    int in = Math.toIntExact(block.inputShape().get(0));
    int out = Math.toIntExact(block.outputShape().get(0));
    org.tensorflow.Operand<org.tensorflow.types.TInt32> leading = leadingShape(tf, x);
    org.tensorflow.Operand<org.tensorflow.types.TFloat32> y =
        block.apply(tf, tf.reshape(x, tf.constant(new int[] {-1, in})));
    return tf.reshape(y, tf.concat(List.of(leading, tf.constant(new int[] {out})), tf.constant(0)));
  }

  /**
   * shape(x)[:-1]: the sample axes and the batch of points [..., batch, width].
   *
   * @param tf ops
   * @param x points
   * @return the leading dimensions, int32 [rank − 1]
   */
  public static org.tensorflow.Operand<org.tensorflow.types.TInt32> leadingShape(
      org.tensorflow.op.Ops tf, org.tensorflow.Operand<?> x) {
    return tf.stridedSlice(
        tf.shape(x),
        tf.constant(new int[] {0}),
        tf.constant(new int[] {-1}),
        tf.constant(new int[] {1}));
  }
}
