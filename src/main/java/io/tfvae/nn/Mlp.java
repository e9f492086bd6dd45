package io.tfvae.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A multilayer perceptron: dense layers {@code <name>.dense_0 ... <name>.dense_n} with an
 * activation after each but the last, which is linear.
 */
public final class Mlp implements Block {
  private final String name;
  private final List<Dense> layers = new ArrayList<>();

  /**
   * Creates the layers {@code <name>.dense_0 ... <name>.dense_n}.
   *
   * @param params the variable factory
   * @param name the network's name (for example {@code encoder})
   * @param in input width
   * @param hidden hidden widths
   * @param out output width (linear)
   * @param activation hidden activation
   */
  public Mlp(Parameters params, String name, int in, int[] hidden, int out, Activation activation) {
    this(params, name, in, hidden, out, activation, false);
  }

  /**
   * Creates the layers {@code <name>.dense_0 ... <name>.dense_n}, weight-normalized or not.
   *
   * @param params the variable factory
   * @param name the network's name
   * @param in input width
   * @param hidden hidden widths
   * @param out output width (linear)
   * @param activation hidden activation
   * @param weightNorm whether every layer is weight-normalized (see {@link Dense})
   */
  public Mlp(
      Parameters params,
      String name,
      int in,
      int[] hidden,
      int out,
      Activation activation,
      boolean weightNorm) {
    this.name = name;
    int width = in;
    int i = 0;
    for (int h : hidden) {
      layers.add(new Dense(params, name + ".dense_" + i++, width, h, activation, weightNorm));
      width = h;
    }
    layers.add(new Dense(params, name + ".dense_" + i, width, out, Activation.LINEAR, weightNorm));
  }

  /**
   * The recipe of an MLP.
   *
   * @param hidden hidden widths
   * @param out output width (linear)
   * @param activation hidden activation
   * @return the spec; its input must be a vector
   */
  public static BlockSpec spec(int[] hidden, int out, Activation activation) {
    return spec(hidden, out, activation, false);
  }

  /**
   * The recipe of an MLP, weight-normalized or not.
   *
   * @param hidden hidden widths
   * @param out output width (linear)
   * @param activation hidden activation
   * @param weightNorm whether every layer is weight-normalized (see {@link Dense})
   * @return the spec; its input must be a vector
   */
  public static BlockSpec spec(int[] hidden, int out, Activation activation, boolean weightNorm) {
    int[] h = hidden.clone();
    return (params, name, input) -> {
      Shapes.requireVector(name, "mlp", input);
      return new Mlp(params, name, Math.toIntExact(input.get(0)), h, out, activation, weightNorm);
    };
  }

  /**
   * Applies the network.
   *
   * @param tf ops
   * @param x input of shape [batch, in]
   * @return the linear output of the last layer, [batch, out]
   */
  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (Dense d : layers) {
      h = d.apply(tf, h);
    }
    return h;
  }

  /**
   * Applies the network to [x; e_c] for every image and every one-hot label, computing the first
   * layer's product with x once per image ({@link Dense#applyToEveryLabel}).
   *
   * @param tf ops
   * @param x images, [batch, in − classes]
   * @param classes C
   * @return [C·batch, out], label-major
   */
  public Operand<TFloat32> applyToEveryLabel(Ops tf, Operand<TFloat32> x, int classes) {
    Operand<TFloat32> h = layers.get(0).applyToEveryLabel(tf, x, classes);
    for (int i = 1; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
    }
    return h;
  }

  /**
   * Multiply-adds of one forward pass for one example (for FLOP accounting).
   *
   * @return the sum of in × out over the layers
   */
  @Override
  public long multiplyAdds() {
    long n = 0;
    for (Dense d : layers) {
      n += d.multiplyAdds();
    }
    return n;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape inputShape() {
    return layers.get(0).inputShape();
  }

  @Override
  public Shape outputShape() {
    return layers.get(layers.size() - 1).outputShape();
  }

  @Override
  public String kind() {
    return "mlp of " + layers.size() + " dense layers";
  }

  @Override
  public List<Block> parts() {
    return List.copyOf(layers);
  }
}
