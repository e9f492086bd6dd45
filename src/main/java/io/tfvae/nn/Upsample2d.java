package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A decoder layer that multiplies height and width by a factor and sets the channels, y = a(up(x) +
 * b), in one of three ways ({@link Method}); each has graph-mode gradients in TensorFlow Java.
 * Kernel and bias start uniform in ±1/sqrt(fan_in), fan_in = k·k·in channels; or,
 * weight-normalized, the kernel is g · v / ‖v‖ per output channel with a data-dependent start (see
 * the {@code nn} package; with depth-to-space, a channel's norm runs over the factor² convolution
 * channels that become it).
 */
public final class Upsample2d extends BaseBlock {
  /** How the layer enlarges the image. */
  public enum Method {
    /**
     * A transposed convolution (Keras' {@code Conv2DTranspose}): the gradient of a strided
     * convolution, {@code Conv2DBackpropInput}.
     */
    TRANSPOSED,
    /** Nearest-neighbour resize, then a stride-1 convolution (Odena et al. 2016). */
    NEAREST,
    /**
     * A stride-1 convolution to factor²·filters channels, then depth-to-space (the sub-pixel
     * convolution of Shi et al. 2016).
     */
    DEPTH_TO_SPACE
  }

  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final WeightNorm norm;
  private final int kernelSize;
  private final int factor;
  private final Method method;
  private final Activation activation;

  private Upsample2d(
      Parameters params,
      String name,
      Shape input,
      int filters,
      int kernelSize,
      int factor,
      Method method,
      Activation activation,
      boolean weightNorm) {
    super(name, input, output(name, input, filters, factor));
    long in = input.get(2);
    this.kernelSize = kernelSize;
    this.factor = factor;
    this.method = method;
    this.activation = activation;
    float bound = (float) (1.0 / Math.sqrt((double) kernelSize * kernelSize * in));
    Shape kernelShape;
    switch (method) {
      case TRANSPOSED:
        // Conv2DBackpropInput's filter is that of the forward convolution: [k, k, out, in].
        kernelShape = Shape.of(kernelSize, kernelSize, filters, in);
        break;
      case DEPTH_TO_SPACE:
        kernelShape = Shape.of(kernelSize, kernelSize, in, (long) filters * factor * factor);
        break;
      default:
        kernelShape = Shape.of(kernelSize, kernelSize, in, filters);
    }
    if (weightNorm) {
      // The output channels: axis 2 of a transposed convolution's filter; with depth-to-space,
      // channel c of the result is the convolution's channels c, c + filters, ...
      this.norm =
          switch (method) {
            case TRANSPOSED -> WeightNorm.of(params, name, kernelShape, 2);
            case DEPTH_TO_SPACE -> WeightNorm.grouped(params, name, kernelShape, factor * factor);
            default -> WeightNorm.of(params, name, kernelShape, 3);
          };
      this.kernel = null;
      this.bias = null;
    } else {
      this.norm = null;
      this.kernel = params.uniform(name + ".kernel", kernelShape, bound);
      this.bias = params.uniform(name + ".bias", Shape.of(filters), bound);
    }
  }

  private static Shape output(String name, Shape input, int filters, int factor) {
    Shapes.requireImage(name, "upsample2d", input);
    return Shape.of(input.get(0) * factor, input.get(1) * factor, filters);
  }

  /**
   * Starts the recipe of an upsampling layer.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> k = norm == null ? Parameters.read(tf, kernel) : norm.kernel(tf);
    Shape output = outputShape();
    List<Long> one = List.of(1L, 1L, 1L, 1L);
    Operand<TFloat32> y;
    switch (method) {
      case TRANSPOSED:
        Operand<TInt32> batch = tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
        Operand<TInt32> size =
            tf.stack(
                List.of(
                    batch,
                    tf.constant((int) output.get(0)),
                    tf.constant((int) output.get(1)),
                    tf.constant((int) output.get(2))));
        y =
            tf.nn.conv2dBackpropInput(
                size, k, x, List.of(1L, (long) factor, (long) factor, 1L), "SAME");
        break;
      case DEPTH_TO_SPACE:
        y = tf.nn.depthToSpace(tf.nn.conv2d(x, k, one, "SAME"), (long) factor);
        break;
      default:
        Operand<TFloat32> big =
            tf.image.resizeNearestNeighbor(
                x, tf.constant(new int[] {(int) output.get(0), (int) output.get(1)}));
        y = tf.nn.conv2d(big, k, one, "SAME");
    }
    return activation.apply(
        tf, norm == null ? tf.nn.biasAdd(y, Parameters.read(tf, bias)) : norm.withBias(tf, y));
  }

  @Override
  public long multiplyAdds() {
    Shape input = inputShape();
    Shape output = outputShape();
    long k2 = (long) kernelSize * kernelSize;
    switch (method) {
      case TRANSPOSED:
        // Each input position scatters a k x k x out patch.
        return input.get(0) * input.get(1) * input.get(2) * k2 * output.get(2);
      case DEPTH_TO_SPACE:
        return input.get(0) * input.get(1) * input.get(2) * k2 * output.get(2) * factor * factor;
      default:
        return output.get(0) * output.get(1) * input.get(2) * k2 * output.get(2);
    }
  }

  @Override
  public String kind() {
    return String.format(
            "upsample2d x%d %s %dx%d, %d filters, %s",
            factor,
            method.name().toLowerCase(java.util.Locale.ROOT),
            kernelSize,
            kernelSize,
            outputShape().get(2),
            activation.label())
        + (norm == null ? "" : ", weight norm");
  }

  /** Builder of an upsampling layer's spec: {@link #setFilters} is required. */
  public static final class Builder {
    private int filters;
    private int kernelSize = 3;
    private int factor = 2;
    private Method method = Method.TRANSPOSED;
    private Activation activation = Activation.LINEAR;
    private boolean weightNorm;

    private Builder() {}

    /**
     * Output channels (required).
     *
     * @param filters a number &gt; 0
     * @return this
     */
    public Builder setFilters(int filters) {
      this.filters = filters;
      return this;
    }

    /**
     * Square kernel size. Default 3.
     *
     * @param size a number &gt; 0
     * @return this
     */
    public Builder optKernelSize(int size) {
      this.kernelSize = size;
      return this;
    }

    /**
     * The factor on height and width. Default 2.
     *
     * @param factor a number &gt; 0
     * @return this
     */
    public Builder optFactor(int factor) {
      this.factor = factor;
      return this;
    }

    /**
     * How to upsample. Default {@link Method#TRANSPOSED}.
     *
     * @param method the method
     * @return this
     */
    public Builder optMethod(Method method) {
      this.method = method;
      return this;
    }

    /**
     * The nonlinearity. Default {@link Activation#LINEAR}.
     *
     * @param activation the activation
     * @return this
     */
    public Builder optActivation(Activation activation) {
      this.activation = activation;
      return this;
    }

    /**
     * Weight normalization: the kernel is g · v / ‖v‖ per output channel, with a data-dependent
     * start (see the {@code nn} package). Default false.
     *
     * @param weightNorm whether to normalize
     * @return this
     */
    public Builder optWeightNorm(boolean weightNorm) {
      this.weightNorm = weightNorm;
      return this;
    }

    /**
     * The spec.
     *
     * @return the recipe
     */
    public BlockSpec build() {
      Checks.positive("upsample2d filters", filters);
      Checks.positive("upsample2d kernel size", kernelSize);
      Checks.positive("upsample2d factor", factor);
      int f = filters;
      int k = kernelSize;
      int s = factor;
      Method m = method;
      Activation a = activation;
      boolean wn = weightNorm;
      return (params, name, input) -> new Upsample2d(params, name, input, f, k, s, m, a, wn);
    }
  }
}
