package io.tfvae.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A network block built into one graph: its variables exist (created through {@link Parameters}
 * under the block's name), and it maps a batch of one example shape to a batch of another. Blocks
 * compose: a {@link Sequential} of blocks is a block.
 *
 * <p>Shapes are per example, without the batch axis: {@code [784]} for a flat MNIST image, {@code
 * [28, 28, 1]} for the same image as height, width and channels (NHWC). A block's recipe, free of
 * any graph, is its {@link BlockSpec}.
 */
public interface Block {
  /**
   * The block's name; its variables are {@code <name>.<variable>} and its parts' names start with
   * {@code <name>.}.
   *
   * @return the name
   */
  String name();

  /**
   * The shape of one input example.
   *
   * @return the input shape, without the batch axis
   */
  Shape inputShape();

  /**
   * The shape of one output example.
   *
   * @return the output shape, without the batch axis
   */
  Shape outputShape();

  /**
   * Applies the block.
   *
   * @param tf ops
   * @param x a batch, [batch, inputShape...]
   * @return the output, [batch, outputShape...]
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);

  /**
   * Multiply-adds of one forward pass for one example (the benchmark's FLOP accounting).
   *
   * @return the count
   */
  long multiplyAdds();

  /**
   * What the block is, in one line without its name or shapes ("conv2d 3x3 stride 2, 32 filters,
   * same, elu").
   *
   * @return the description
   */
  String kind();

  /**
   * The blocks this one is made of, in order (none for a single layer).
   *
   * @return the parts
   */
  default List<Block> parts() {
    return List.of();
  }

  /**
   * One line per block, parts indented under their whole: {@code name: kind [in] -> [out]}.
   *
   * @return the lines
   */
  default List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(
        name()
            + ": "
            + kind()
            + " "
            + Shapes.text(inputShape())
            + " -> "
            + Shapes.text(outputShape()));
    for (Block p : parts()) {
      for (String l : p.describe()) {
        lines.add("  " + l);
      }
    }
    return lines;
  }
}
