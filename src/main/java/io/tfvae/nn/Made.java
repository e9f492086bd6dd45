package io.tfvae.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A masked autoencoder for distribution estimation (MADE, Germain et al. 2015) with a context
 * input: from z of width D and a context h, two outputs of width D, m and s, whose i-th entries
 * depend on z_0 .. z_{i−1} and on h only. Dense layers whose kernels are multiplied by fixed 0/1
 * masks: input i has degree i + 1, hidden unit k of every layer degree (k mod (D − 1)) + 1, an edge
 * from degree a to a hidden unit of degree b is kept when b ≥ a, and to output j when j + 1 &gt; b.
 * The context enters the first hidden layer unmasked. The hidden layers use ELU, as the inverse
 * autoregressive flow of Kingma et al. 2016 does.
 */
public final class Made {
  private final String name;
  private final int width;
  private final int context;
  private final int[] hidden;
  private final List<Variable<TFloat32>> kernels = new ArrayList<>();
  private final List<Variable<TFloat32>> biases = new ArrayList<>();
  private final List<float[]> masks = new ArrayList<>();
  private final Variable<TFloat32> contextKernel;
  private final float outputBias;
  // The masks as constants of the graph the network's variables live in, made on first use.
  private final List<Operand<TFloat32>> maskConstants = new ArrayList<>();

  /**
   * Creates the variables {@code <name>.dense_i.kernel}, {@code .bias}, {@code
   * <name>.context.kernel} and the output layer's {@code <name>.output.kernel}, {@code .bias}.
   *
   * @param params the variable factory
   * @param name the network's name
   * @param width D, the width of z
   * @param context the context's width (0 for none)
   * @param hidden hidden layer widths, at least one
   * @param sBias added to the output s (a positive value starts an IAF step near the identity)
   */
  public Made(Parameters params, String name, int width, int context, int[] hidden, float sBias) {
    if (width < 1 || hidden.length == 0 || context < 0) {
      throw new IllegalArgumentException(
          name + " (made): expected width >= 1 and a hidden layer, got " + width);
    }
    this.name = name;
    this.width = width;
    this.context = context;
    this.hidden = hidden.clone();
    this.outputBias = sBias;
    int[] previous = inputDegrees(width);
    int in = width;
    for (int l = 0; l < hidden.length; l++) {
      int[] degrees = hiddenDegrees(hidden[l], width);
      masks.add(mask(previous, degrees, false));
      float bound = (float) (1.0 / Math.sqrt(in + (l == 0 ? context : 0)));
      kernels.add(params.uniform(name + ".dense_" + l + ".kernel", Shape.of(in, hidden[l]), bound));
      biases.add(params.uniform(name + ".dense_" + l + ".bias", Shape.of(hidden[l]), bound));
      previous = degrees;
      in = hidden[l];
    }
    this.contextKernel =
        context == 0
            ? null
            : params.uniform(
                name + ".context.kernel",
                Shape.of(context, hidden[0]),
                (float) (1.0 / Math.sqrt(width + context)));
    int[] out = inputDegrees(width);
    float[] outputMask = mask(previous, out, true);
    float[] both = new float[in * 2 * width];
    for (int k = 0; k < in; k++) {
      for (int j = 0; j < width; j++) {
        both[k * 2 * width + j] = outputMask[k * width + j];
        both[k * 2 * width + width + j] = outputMask[k * width + j];
      }
    }
    masks.add(both);
    float bound = (float) (1.0 / Math.sqrt(in));
    kernels.add(params.uniform(name + ".output.kernel", Shape.of(in, 2 * width), bound));
    biases.add(params.uniform(name + ".output.bias", Shape.of(2 * width), bound));
  }

  /**
   * m and s at z.
   *
   * @param tf ops
   * @param z points, [..., batch, D] (leading sample axes allowed)
   * @param h the context, [batch, C] or with z's sample axes [..., batch, C] (a context computed
   *     from a sample, as in a stochastic layer above another), or null when the network has none
   * @return m and s, each shaped like z
   */
  public List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> z, Operand<TFloat32> h) {
    Operand<TInt32> leading = Blocks.leadingShape(tf, z);
    Operand<TFloat32> a = tf.reshape(z, tf.constant(new int[] {-1, width}));
    for (int l = 0; l < kernels.size(); l++) {
      Operand<TFloat32> w = tf.math.mul(Parameters.read(tf, kernels.get(l)), maskConstant(tf, l));
      Operand<TFloat32> pre = tf.linalg.matMul(a, w);
      int units = l < hidden.length ? hidden[l] : 2 * width;
      if (l == 0 && contextKernel != null) {
        // [rows, H] back to [..., batch, H], plus h V [batch, H] broadcast over the sample axes.
        Operand<TFloat32> shaped =
            tf.reshape(
                pre, tf.concat(List.of(leading, tf.constant(new int[] {units})), tf.constant(0)));
        shaped = tf.math.add(shaped, contextTerm(tf, h, units));
        pre = tf.reshape(shaped, tf.constant(new int[] {-1, units}));
      }
      pre = tf.nn.biasAdd(pre, Parameters.read(tf, biases.get(l)));
      a = l < hidden.length ? tf.nn.elu(pre) : pre;
    }
    Operand<TFloat32> out =
        tf.reshape(
            a, tf.concat(List.of(leading, tf.constant(new int[] {2 * width})), tf.constant(0)));
    List<? extends Operand<TFloat32>> ms = tf.split(tf.constant(-1), out, 2L).output();
    return List.of(ms.get(0), tf.math.add(ms.get(1), tf.constant(outputBias)));
  }

  /** h V, shaped [..., batch, units] like h, to broadcast over z's sample axes. */
  private Operand<TFloat32> contextTerm(Ops tf, Operand<TFloat32> h, int units) {
    Operand<TFloat32> v = Parameters.read(tf, contextKernel);
    if (h.shape().numDimensions() == 2) {
      return tf.linalg.matMul(h, v);
    }
    Operand<TFloat32> rows =
        tf.linalg.matMul(tf.reshape(h, tf.constant(new int[] {-1, context})), v);
    return tf.reshape(
        rows,
        tf.concat(
            List.of(Blocks.leadingShape(tf, h), tf.constant(new int[] {units})), tf.constant(0)));
  }

  /** {@return the network's name} */
  public String name() {
    return name;
  }

  /** {@return multiply-adds of one pass for one point (masked entries counted)} */
  public long multiplyAdds() {
    long n = 0;
    int in = width;
    for (int l = 0; l < hidden.length; l++) {
      n += (long) (in + (l == 0 ? context : 0)) * hidden[l];
      in = hidden[l];
    }
    return n + (long) in * 2 * width;
  }

  /** {@return a line saying what this is} */
  public String kind() {
    return "MADE, hidden " + java.util.Arrays.toString(hidden) + " elu, context " + context;
  }

  /**
   * The layer's mask as a constant, made once (the network's variables, and so its applications,
   * are all in one graph): an inverted flow applies the network once per latent dimension, and a
   * constant per application would fill the SavedModel with copies.
   */
  private Operand<TFloat32> maskConstant(Ops tf, int layer) {
    List<Operand<TFloat32>> constants = maskConstants;
    while (constants.size() <= layer) {
      int l = constants.size();
      long in = l == 0 ? width : hidden[l - 1];
      long out = l < hidden.length ? hidden[l] : 2L * width;
      constants.add(
          tf.withName(name + ".mask_" + l)
              .constant(Shape.of(in, out), DataBuffers.of(masks.get(l), true, false)));
    }
    return constants.get(layer);
  }

  private static int[] inputDegrees(int width) {
    int[] d = new int[width];
    for (int i = 0; i < width; i++) {
      d[i] = i + 1;
    }
    return d;
  }

  private static int[] hiddenDegrees(int units, int width) {
    int[] d = new int[units];
    for (int k = 0; k < units; k++) {
      d[k] = width == 1 ? 1 : k % (width - 1) + 1;
    }
    return d;
  }

  /** Row-major [from, to] mask: kept when to ≥ from (hidden), or to &gt; from (output). */
  private static float[] mask(int[] from, int[] to, boolean strict) {
    float[] m = new float[from.length * to.length];
    for (int a = 0; a < from.length; a++) {
      for (int b = 0; b < to.length; b++) {
        boolean keep = strict ? to[b] > from[a] : to[b] >= from[a];
        m[a * to.length + b] = keep ? 1f : 0f;
      }
    }
    return m;
  }
}
