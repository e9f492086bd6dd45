package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A pre-activation residual block (He et al. 2016): y = x + conv₂(a(conv₁(a(x)))), both
 * convolutions stride 1, same padding, as many filters as x has channels, so y has x's shape.
 */
public final class Residual extends BaseBlock {
  private final Conv2d first;
  private final Conv2d second;
  private final Activation activation;

  private Residual(
      Parameters params, String name, Shape input, int kernelSize, Activation activation) {
    super(name, input, image(name, input));
    this.activation = activation;
    BlockSpec conv =
        Conv2d.builder()
            .setFilters(Math.toIntExact(input.get(2)))
            .optKernelSize(kernelSize)
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
    Checks.positive("residual kernel size", kernelSize);
    return (params, name, input) -> new Residual(params, name, input, kernelSize, activation);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = first.apply(tf, activation.apply(tf, x));
    return tf.math.add(x, second.apply(tf, activation.apply(tf, h)));
  }

  @Override
  public long multiplyAdds() {
    return first.multiplyAdds() + second.multiplyAdds();
  }

  @Override
  public String kind() {
    return "residual, " + activation.label();
  }

  @Override
  public List<Block> parts() {
    return List.of(first, second);
  }
}
