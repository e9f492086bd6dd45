package io.tfvae.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The nonlinearity after a layer. */
public enum Activation {
  /** The identity: a linear layer. */
  LINEAR,
  /** elu(x) = x for x &gt; 0, exp(x) − 1 otherwise (Clevert et al. 2016). */
  ELU,
  /** max(x, 0). */
  RELU,
  /** tanh(x). */
  TANH;

  /**
   * Applies the function.
   *
   * @param tf ops
   * @param x input
   * @return the activation of x (x itself for {@link #LINEAR})
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    switch (this) {
      case ELU:
        return tf.nn.elu(x);
      case RELU:
        return tf.nn.relu(x);
      case TANH:
        return tf.math.tanh(x);
      default:
        return x;
    }
  }

  /**
   * The name as block descriptions print it.
   *
   * @return the lower-case name ("elu")
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
