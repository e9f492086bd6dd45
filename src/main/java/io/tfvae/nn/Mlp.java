package io.tfvae.nn;

import io.tfvae.config.proto.Activation;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A multilayer perceptron: dense layers with an activation after each but the last. */
public final class Mlp {
  private final List<Dense> layers = new ArrayList<>();
  private final Activation activation;

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
    int width = in;
    int i = 0;
    for (int h : hidden) {
      layers.add(new Dense(params, name + ".dense_" + i++, width, h));
      width = h;
    }
    layers.add(new Dense(params, name + ".dense_" + i, width, out));
    this.activation = activation;
  }

  /**
   * Applies the network.
   *
   * @param tf ops
   * @param x input of shape [batch, in]
   * @return the linear output of the last layer, [batch, out]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
      if (i < layers.size() - 1) {
        h = activate(tf, h, activation);
      }
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
      h = layers.get(i).apply(tf, activate(tf, h, activation));
    }
    return h;
  }

  /**
   * Multiply-adds of one forward pass for one example (for FLOP accounting).
   *
   * @return the sum of in × out over the layers
   */
  public long multiplyAdds() {
    long n = 0;
    for (Dense d : layers) {
      n += (long) d.in() * d.out();
    }
    return n;
  }

  /**
   * Applies an activation function.
   *
   * @param tf ops
   * @param x input
   * @param a the activation
   * @return a(x)
   */
  public static Operand<TFloat32> activate(Ops tf, Operand<TFloat32> x, Activation a) {
    switch (a) {
      case ELU:
        return tf.nn.elu(x);
      case RELU:
        return tf.nn.relu(x);
      case TANH:
        return tf.math.tanh(x);
      default:
        throw new IllegalArgumentException("activation: expected ELU, RELU or TANH, got " + a);
    }
  }
}
