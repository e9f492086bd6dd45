package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution y = a(conv(x, K) + b) on NHWC images. Kernel [k, k, in channels, filters] and
 * bias start uniform in ±1/sqrt(fan_in), fan_in = k·k·in channels (PyTorch's {@code nn.Conv2d}
 * default); or, weight-normalized, K = g · v / ‖v‖ per filter with a data-dependent start (see the
 * {@code nn} package).
 */
public final class Conv2d extends BaseBlock {
  private final Variable<TFloat32> kernel;
  private final Variable<TFloat32> bias;
  private final WeightNorm norm;
  private final int kernelSize;
  private final int stride;
  private final Padding padding;
  private final Activation activation;

  private Conv2d(
      Parameters params,
      String name,
      Shape input,
      int filters,
      int kernelSize,
      int stride,
      Padding padding,
      Activation activation,
      boolean weightNorm) {
    super(name, input, output(name, input, filters, kernelSize, stride, padding));
    long in = input.get(2);
    Shape kernelShape = Shape.of(kernelSize, kernelSize, in, filters);
    if (weightNorm) {
      this.norm = WeightNorm.of(params, name, kernelShape, 3);
      this.kernel = null;
      this.bias = null;
    } else {
      float bound = (float) (1.0 / Math.sqrt((double) kernelSize * kernelSize * in));
      this.norm = null;
      this.kernel = params.uniform(name + ".kernel", kernelShape, bound);
      this.bias = params.uniform(name + ".bias", Shape.of(filters), bound);
    }
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.activation = activation;
  }

  /** The output shape, once the input is an image the kernel fits. */
  private static Shape output(
      String name, Shape input, int filters, int kernelSize, int stride, Padding padding) {
    Shapes.requireImage(name, "conv2d", input);
    long h = padding.outputSize(input.get(0), kernelSize, stride);
    long w = padding.outputSize(input.get(1), kernelSize, stride);
    if (h <= 0 || w <= 0) {
      throw new IllegalArgumentException(
          name
              + " (conv2d): a "
              + kernelSize
              + "x"
              + kernelSize
              + " kernel does not fit input "
              + Shapes.text(input)
              + " with "
              + padding
              + " padding");
    }
    return Shape.of(h, w, filters);
  }

  /**
   * Starts the recipe of a convolution (DJL's builder vocabulary, Keras' argument names).
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> y =
        tf.nn.conv2d(
            x,
            norm == null ? Parameters.read(tf, kernel) : norm.kernel(tf),
            List.of(1L, (long) stride, (long) stride, 1L),
            padding.name());
    return activation.apply(
        tf, norm == null ? tf.nn.biasAdd(y, Parameters.read(tf, bias)) : norm.withBias(tf, y));
  }

  @Override
  public long multiplyAdds() {
    Shape out = outputShape();
    return out.get(0) * out.get(1) * out.get(2) * kernelSize * kernelSize * inputShape().get(2);
  }

  @Override
  public String kind() {
    return String.format(
            "conv2d %dx%d stride %d, %d filters, %s, %s",
            kernelSize,
            kernelSize,
            stride,
            outputShape().get(2),
            padding.name().toLowerCase(java.util.Locale.ROOT),
            activation.label())
        + (norm == null ? "" : ", weight norm");
  }

  /** Builder of a convolution's spec: {@link #setFilters} is required. */
  public static final class Builder {
    private int filters;
    private int kernelSize = 3;
    private int stride = 1;
    private Padding padding = Padding.SAME;
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
     * Stride along height and width. Default 1.
     *
     * @param stride a number &gt; 0
     * @return this
     */
    public Builder optStride(int stride) {
      this.stride = stride;
      return this;
    }

    /**
     * Border handling. Default {@link Padding#SAME}.
     *
     * @param padding the padding
     * @return this
     */
    public Builder optPadding(Padding padding) {
      this.padding = padding;
      return this;
    }

    /**
     * The nonlinearity after the convolution. Default {@link Activation#LINEAR}.
     *
     * @param activation the activation
     * @return this
     */
    public Builder optActivation(Activation activation) {
      this.activation = activation;
      return this;
    }

    /**
     * Weight normalization: the kernel is g · v / ‖v‖ per filter, with a data-dependent start (see
     * the {@code nn} package). Default false.
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
     * @throws IllegalArgumentException if filters, kernel size or stride is not positive
     */
    public BlockSpec build() {
      Checks.positive("conv2d filters", filters);
      Checks.positive("conv2d kernel size", kernelSize);
      Checks.positive("conv2d stride", stride);
      int f = filters;
      int k = kernelSize;
      int s = stride;
      Padding p = padding;
      Activation a = activation;
      boolean wn = weightNorm;
      return (params, name, input) -> new Conv2d(params, name, input, f, k, s, p, a, wn);
    }
  }
}
