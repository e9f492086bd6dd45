package io.tfvae.objectives;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Diagonals of square matrices whose size is known only when the graph runs. */
final class SquareMatrices {
  private SquareMatrices() {}

  /** I_n for n the number of rows of {@code like}, [n, n]. */
  static Operand<TFloat32> identityLike(Ops tf, Operand<TFloat32> like) {
    Operand<TInt32> n = tf.gather(tf.shape(like), tf.constant(0), tf.constant(0));
    return tf.oneHot(
        tf.range(tf.constant(0), n, tf.constant(1)), n, tf.constant(1f), tf.constant(0f));
  }

  /** The diagonal of a square matrix, [n]. */
  static Operand<TFloat32> diagonal(Ops tf, Operand<TFloat32> m) {
    return tf.reduceSum(tf.math.mul(m, identityLike(tf, m)), tf.constant(1));
  }

  /** The square matrix with v on its diagonal, [n, n]. */
  static Operand<TFloat32> withDiagonal(Ops tf, Operand<TFloat32> v) {
    return tf.math.mul(
        identityLike(tf, tf.expandDims(v, tf.constant(1))), tf.expandDims(v, tf.constant(0)));
  }
}
