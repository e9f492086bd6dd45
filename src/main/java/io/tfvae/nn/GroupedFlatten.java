package io.tfvae.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Flattens an image of k·C channels into k consecutive flat images of C channels: [H, W, k·C] →
 * [k·H·W·C], group g holding channels g·C .. g·C + C − 1 of every pixel. A likelihood with k
 * parameters per value (a Gaussian's mean and variance) reads its parameters as k flat halves; with
 * k = 1 this is a plain flatten.
 */
public final class GroupedFlatten extends BaseBlock {
  private final int groups;

  private GroupedFlatten(String name, Shape input, int groups) {
    super(name, input, output(name, input, groups));
    this.groups = groups;
  }

  private static Shape output(String name, Shape input, int groups) {
    Shapes.requireImage(name, "grouped flatten", input);
    if (input.get(2) % groups != 0) {
      throw new IllegalArgumentException(
          name
              + " (grouped flatten): "
              + input.get(2)
              + " channels do not split into "
              + groups
              + " groups");
    }
    return Shape.of(input.size());
  }

  /**
   * The recipe.
   *
   * @param groups k, the parameters per value
   * @return the spec; its input must be an image whose channels k divides
   */
  public static BlockSpec spec(int groups) {
    Checks.positive("grouped flatten groups", groups);
    return (params, name, input) -> new GroupedFlatten(name, input, groups);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Shape input = inputShape();
    if (groups == 1) {
      return tf.reshape(x, tf.constant(new int[] {-1, Math.toIntExact(input.size())}));
    }
    int pixels = Math.toIntExact(input.get(0) * input.get(1));
    int channels = Math.toIntExact(input.get(2) / groups);
    Operand<TFloat32> split = tf.reshape(x, tf.constant(new int[] {-1, pixels, groups, channels}));
    Operand<TFloat32> grouped = tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
    return tf.reshape(grouped, tf.constant(new int[] {-1, Math.toIntExact(input.size())}));
  }

  @Override
  public long multiplyAdds() {
    return 0;
  }

  @Override
  public String kind() {
    return groups == 1 ? "flatten" : "flatten in " + groups + " channel groups";
  }

  @Override
  public List<Block> parts() {
    return List.of();
  }
}
