package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A dense layer y = x W + b. Kernel and bias start uniform in ±1/sqrt(fan_in), the default of
 * PyTorch's {@code nn.Linear} that the CS236 reference networks use.
 */
public final class Dense {
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final int in;
  private final int out;

  /**
   * Creates the layer's variables {@code <name>.kernel} and {@code <name>.bias}.
   *
   * @param params the variable factory
   * @param name the layer's name (for example {@code encoder.dense_0})
   * @param in input width
   * @param out output width
   */
  public Dense(Parameters params, String name, int in, int out) {
    float bound = (float) (1.0 / Math.sqrt(in));
    this.kernel = params.uniform(name + ".kernel", Shape.of(in, out), bound);
    this.bias = params.uniform(name + ".bias", Shape.of(out), bound);
    this.in = in;
    this.out = out;
  }

  /**
   * Applies the layer.
   *
   * @param tf ops
   * @param x input of shape [batch, in]
   * @return x W + b, of shape [batch, out]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.nn.biasAdd(
        tf.linalg.matMul(x, Parameters.read(tf, kernel)), Parameters.read(tf, bias));
  }

  /**
   * The layer at [x; e_c] for every image x and every one-hot label e_c, without repeating the
   * product with x: [x; e_c] W + b = x W_x + W_y[c] + b, where W_x is the kernel's first rows and
   * W_y its last {@code classes} rows. x W_x is computed once per image instead of once per label.
   *
   * @param tf ops
   * @param x images, [batch, in − classes]
   * @param classes C, the one-hot width at the end of the input
   * @return [C·batch, out], label-major: row c·batch + b is image b with label c
   */
  public Operand<TFloat32> applyToEveryLabel(Ops tf, Operand<TFloat32> x, int classes) {
    List<Operand<TFloat32>> parts =
        List.copyOf(
            tf.splitV(
                    Parameters.read(tf, kernel),
                    tf.constant(new int[] {in - classes, classes}),
                    tf.constant(0),
                    2L)
                .output());
    Operand<TFloat32> xw = tf.linalg.matMul(x, parts.get(0)); // [B, out], once per image
    Operand<TFloat32> perLabel =
        tf.math.add(tf.expandDims(xw, tf.constant(0)), tf.expandDims(parts.get(1), tf.constant(1)));
    Operand<TFloat32> flat = tf.reshape(perLabel, tf.constant(new int[] {-1, out}));
    return tf.nn.biasAdd(flat, Parameters.read(tf, bias));
  }

  /** Input width. */
  public int in() {
    return in;
  }

  /** Output width. */
  public int out() {
    return out;
  }
}
