package io.tfvae.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gives each example another shape of the same size (row-major order kept): a flat image to height
 * × width × channels before convolutions, and back ({@link #flatten()}) before a dense layer. It
 * has no variables.
 */
public final class Reshape extends BaseBlock {
  private Reshape(String name, Shape input, Shape output) {
    super(name, input, checked(name, input, output));
  }

  private static Shape checked(String name, Shape input, Shape output) {
    if (input.size() != output.size()) {
      throw new IllegalArgumentException(
          name
              + " (reshape): cannot give "
              + Shapes.text(input)
              + " ("
              + input.size()
              + " values) the shape "
              + Shapes.text(output)
              + " ("
              + output.size()
              + " values)");
    }
    return output;
  }

  /**
   * The recipe of a reshape to a given per-example shape.
   *
   * @param dims the output shape, without the batch axis
   * @return the spec
   */
  public static BlockSpec to(long... dims) {
    Shape target = Shape.of(dims.clone());
    return (params, name, input) -> new Reshape(name, input, target);
  }

  /**
   * The recipe of a reshape to a vector.
   *
   * @return the spec
   */
  public static BlockSpec flatten() {
    return (params, name, input) -> new Reshape(name, input, Shape.of(input.size()));
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.reshape(x, tf.constant(Shapes.batched(outputShape())));
  }

  @Override
  public long multiplyAdds() {
    return 0;
  }

  @Override
  public String kind() {
    return outputShape().numDimensions() == 1 ? "flatten" : "reshape";
  }
}
