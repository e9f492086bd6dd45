package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A pre-activation residual block (He et al. 2016): y = x + s·conv₂(a(conv₁(a(x)))), both
 * convolutions stride 1, same padding, as many filters as x has channels, so y has x's shape; s is
 * the residual scale (1 by default; the IAF paper's ResNet VAE uses 0.1).
 */
public final class Residual extends BaseBlock {
  private final Conv2d first;
  private final Conv2d second;
  private final Activation activation;
  private final float scale;

  private Residual(
      Parameters params,
      String name,
      Shape input,
      int kernelSize,
      Activation activation,
      float scale,
      boolean weightNorm) {
    super(name, input, image(name, input));
    this.activation = activation;
    this.scale = scale;
    BlockSpec conv =
        Conv2d.builder()
            .setFilters(Math.toIntExact(input.get(2)))
            .optKernelSize(kernelSize)
            .optWeightNorm(weightNorm)
            .build();
    this.first = (Conv2d) conv.create(params, name + ".conv_0", input);
    this.second = (Conv2d) conv.create(params, name + ".conv_1", input);
  }

  private static Shape image(String name, Shape input) {
    Shapes.requireImage(name, "residual", input);
    return input;
  }

  /**
   * The recipe of a residual block.
   *
   * @param kernelSize the convolutions' square kernel size
   * @param activation the nonlinearity before each convolution
   * @return the spec; its input must be an image
   */
  public static BlockSpec spec(int kernelSize, Activation activation) {
    return spec(kernelSize, activation, 1f);
  }

  /**
   * The recipe of a residual block whose branch is scaled: y = x + scale·F(x).
   *
   * @param kernelSize the convolutions' square kernel size
   * @param activation the nonlinearity before each convolution
   * @param scale the residual scale, a finite number &gt; 0
   * @return the spec; its input must be an image
   */
  public static BlockSpec spec(int kernelSize, Activation activation, float scale) {
    return spec(kernelSize, activation, scale, false);
  }

  /**
   * The recipe of a residual block whose branch is scaled, its convolutions weight-normalized or
   * not.
   *
   * @param kernelSize the convolutions' square kernel size
   * @param activation the nonlinearity before each convolution
   * @param scale the residual scale, a finite number &gt; 0
   * @param weightNorm whether both convolutions are weight-normalized ({@link
   *     Conv2d.Builder#optWeightNorm})
   * @return the spec; its input must be an image
   */
  public static BlockSpec spec(
      int kernelSize, Activation activation, float scale, boolean weightNorm) {
    Checks.positive("residual kernel size", kernelSize);
    if (!(scale > 0f) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "residual scale: expected a finite number > 0, got " + scale);
    }
    return (params, name, input) ->
        new Residual(params, name, input, kernelSize, activation, scale, weightNorm);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = first.apply(tf, activation.apply(tf, x));
    Operand<TFloat32> branch = second.apply(tf, activation.apply(tf, h));
    // Scale 1 adds the branch as it is: the same ops as a block without a scale.
    return tf.math.add(x, scale == 1f ? branch : tf.math.mul(tf.constant(scale), branch));
  }

  @Override
  public long multiplyAdds() {
    return first.multiplyAdds() + second.multiplyAdds();
  }

  @Override
  public String kind() {
    return "residual, " + activation.label() + (scale == 1f ? "" : ", scale " + scale);
  }

  @Override
  public List<Block> parts() {
    return List.of(first, second);
  }
}
