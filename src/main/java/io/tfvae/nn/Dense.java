package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A dense layer y = a(x W + b). Kernel and bias start uniform in ±1/sqrt(fan_in), the default of
 * PyTorch's {@code nn.Linear} that the CS236 reference networks use; or, weight-normalized, W = g ·
 * v / ‖v‖ per output unit with a data-dependent start (Salimans and Kingma 2016; see the {@code nn}
 * package).
 */
public final class Dense implements Block {
  private final String name;
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final WeightNorm norm;
  private final int in;
  private final int out;
  private final Activation activation;

  /**
   * Creates a linear layer's variables {@code <name>.kernel} and {@code <name>.bias}.
   *
   * @param params the variable factory
   * @param name the layer's name (for example {@code encoder.dense_0})
   * @param in input width
   * @param out output width
   */
  public Dense(Parameters params, String name, int in, int out) {
    this(params, name, in, out, Activation.LINEAR);
  }

  /**
   * Creates the layer's variables {@code <name>.kernel} and {@code <name>.bias}.
   *
   * @param params the variable factory
   * @param name the layer's name
   * @param in input width
   * @param out output width
   * @param activation applied after the affine map
   */
  public Dense(Parameters params, String name, int in, int out, Activation activation) {
    this(params, name, in, out, activation, false);
  }

  /**
   * Creates the layer's variables: {@code <name>.kernel} and {@code <name>.bias}, or with weight
   * normalization {@code <name>.v}, {@code <name>.g} and {@code <name>.b}.
   *
   * @param params the variable factory
   * @param name the layer's name
   * @param in input width
   * @param out output width
   * @param activation applied after the affine map
   * @param weightNorm whether the kernel is g · v / ‖v‖ (weight normalization)
   */
  public Dense(
      Parameters params, String name, int in, int out, Activation activation, boolean weightNorm) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException(
          name + " (dense): expected widths > 0, got " + in + " -> " + out);
    }
    this.name = name;
    if (weightNorm) {
      this.norm = WeightNorm.of(params, name, Shape.of(in, out), 1);
      this.kernel = null;
      this.bias = null;
    } else {
      float bound = (float) (1.0 / Math.sqrt(in));
      this.norm = null;
      this.kernel = params.uniform(name + ".kernel", Shape.of(in, out), bound);
      this.bias = params.uniform(name + ".bias", Shape.of(out), bound);
    }
    this.in = in;
    this.out = out;
    this.activation = activation;
  }

  /**
   * The recipe of a dense layer.
   *
   * @param units output width
   * @param activation applied after the affine map
   * @return the spec; its input must be a vector
   */
  public static BlockSpec spec(int units, Activation activation) {
    return spec(units, activation, false);
  }

  /**
   * The recipe of a dense layer, weight-normalized or not.
   *
   * @param units output width
   * @param activation applied after the affine map
   * @param weightNorm whether the kernel is g · v / ‖v‖ (weight normalization)
   * @return the spec; its input must be a vector
   */
  public static BlockSpec spec(int units, Activation activation, boolean weightNorm) {
    return (params, name, input) -> {
      Shapes.requireVector(name, "dense", input);
      return new Dense(params, name, Math.toIntExact(input.get(0)), units, activation, weightNorm);
    };
  }

  /**
   * Applies the layer.
   *
   * @param tf ops
   * @param x input of shape [batch, in]
   * @return a(x W + b), of shape [batch, out]
   */
  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return activation.apply(tf, withBias(tf, tf.linalg.matMul(x, kernel(tf))));
  }

  /** The kernel as the layer uses it: the variable, or g · v / ‖v‖. */
  private Operand<TFloat32> kernel(Ops tf) {
    return norm == null ? Parameters.read(tf, kernel) : norm.kernel(tf);
  }

  /** pre + b (with weight normalization, b's data-dependent start is taken from pre). */
  private Operand<TFloat32> withBias(Ops tf, Operand<TFloat32> pre) {
    return norm == null ? tf.nn.biasAdd(pre, Parameters.read(tf, bias)) : norm.withBias(tf, pre);
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
                    kernel(tf), tf.constant(new int[] {in - classes, classes}), tf.constant(0), 2L)
                .output());
    Operand<TFloat32> xw = tf.linalg.matMul(x, parts.get(0)); // [B, out], once per image
    Operand<TFloat32> perLabel =
        tf.math.add(tf.expandDims(xw, tf.constant(0)), tf.expandDims(parts.get(1), tf.constant(1)));
    Operand<TFloat32> flat = tf.reshape(perLabel, tf.constant(new int[] {-1, out}));
    return activation.apply(tf, withBias(tf, flat));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape inputShape() {
    return Shape.of(in);
  }

  @Override
  public Shape outputShape() {
    return Shape.of(out);
  }

  @Override
  public long multiplyAdds() {
    return (long) in * out;
  }

  @Override
  public String kind() {
    return "dense " + out + ", " + activation.label() + (norm == null ? "" : ", weight norm");
  }

  /** {@return input width} */
  public int in() {
    return in;
  }

  /** {@return output width} */
  public int out() {
    return out;
  }
}
