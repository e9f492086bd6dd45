package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/** Shape arithmetic for tensors with any number of leading sample axes. */
final class Shapes {
  private Shapes() {}

  /**
   * shape(x) without its last {@code dropped} entries, e.g. the [m, batch] of an [m, batch, z].
   *
   * @param tf ops
   * @param x the tensor
   * @param dropped trailing axes to leave out
   * @return the leading shape, int32 [rank − dropped]
   */
  static Operand<TInt32> leading(Ops tf, Operand<? extends TType> x, int dropped) {
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> length = tf.math.sub(tf.size(shape), tf.constant(dropped));
    return tf.slice(shape, tf.constant(new int[] {0}), tf.expandDims(length, tf.constant(0)));
  }
}
