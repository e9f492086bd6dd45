package io.tfvae.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/** Per-example shapes as blocks print and check them. */
public final class Shapes {
  private Shapes() {}

  /**
   * "[28, 28, 1]".
   *
   * @param s a shape
   * @return its text
   */
  public static String text(Shape s) {
    List<String> d = new ArrayList<>();
    for (long v : s.asArray()) {
      d.add(Long.toString(v));
    }
    return "[" + String.join(", ", d) + "]";
  }

  /**
   * The shape with a leading batch axis of unknown size, as a reshape target.
   *
   * @param s a per-example shape
   * @return {-1, s...} as ints
   */
  static int[] batched(Shape s) {
    long[] d = s.asArray();
    int[] out = new int[d.length + 1];
    out[0] = -1;
    for (int i = 0; i < d.length; i++) {
      out[i + 1] = Math.toIntExact(d[i]);
    }
    return out;
  }

  /**
   * Checks that a block's input is an image, height × width × channels.
   *
   * @param name the block
   * @param kind what the block is (for the message)
   * @param input its input shape
   * @throws IllegalArgumentException naming the block if it is not of rank 3
   */
  static void requireImage(String name, String kind, Shape input) {
    requireRank(name, kind, input, 3, "an image input [height, width, channels]", "a reshape");
  }

  /**
   * Checks that a block's input is a vector.
   *
   * @param name the block
   * @param kind what the block is
   * @param input its input shape
   * @throws IllegalArgumentException naming the block if it is not of rank 1
   */
  static void requireVector(String name, String kind, Shape input) {
    requireRank(name, kind, input, 1, "a vector input [width]", "a flatten");
  }

  private static void requireRank(
      String name, String kind, Shape input, int rank, String expected, String fix) {
    if (input.numDimensions() != rank) {
      throw new IllegalArgumentException(
          name
              + " ("
              + kind
              + "): expected "
              + expected
              + ", got "
              + text(input)
              + " (put "
              + fix
              + " block before it)");
    }
  }
}
