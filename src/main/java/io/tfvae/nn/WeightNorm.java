package io.tfvae.nn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The weights of a weight-normalized layer (Salimans and Kingma 2016, eq. 2): kernel w = g · v /
 * ‖v‖, the norm taken per output unit, and a bias b, as variables {@code <name>.v}, {@code
 * <name>.g} and {@code <name>.b}. v starts normal with standard deviation 0.05, g at 1 and b at 0
 * (openai/pixel-cnn's {@code nn.py}); before training, the data-dependent initialization (section
 * 3) sets g = 1/σ and b = −μ/σ, μ and σ² the mean and variance of each unit's pre-activation
 * x·v/‖v‖ over the first batch, so the layer's pre-activations there have mean 0 and variance 1.
 */
final class WeightNorm {
  /** Standard deviation of v's initial values (its scale does not matter: only its direction). */
  private static final float V_SCALE = 0.05f;

  /** Added to the variance before the inverse square root, against a unit constant on the batch. */
  private static final float EPSILON = 1e-10f;

  private final Parameters params;
  private final String name;
  private final Variable<TFloat32> v;
  private final Variable<TFloat32> g;
  private final Variable<TFloat32> b;
  private final Shape kernelShape;
  private final long[] grouped;
  private final int[] normAxes;
  private final long[] gShape;
  private boolean initializerAdded;

  /**
   * Creates the variables of a layer whose output units lie along one axis of its kernel.
   *
   * @param params the variable factory
   * @param name the layer's name
   * @param kernelShape the kernel's shape
   * @param unitAxis the kernel's axis of output units
   * @return the weights
   */
  static WeightNorm of(Parameters params, String name, Shape kernelShape, int unitAxis) {
    return new WeightNorm(params, name, kernelShape, kernelShape.asArray(), unitAxis);
  }

  /**
   * Creates the variables of a layer whose kernel's last axis holds {@code groups} blocks of the
   * output units, unit u at positions u, u + units, ... (a convolution before depth-to-space): each
   * unit's norm runs over its positions in every block.
   *
   * @param params the variable factory
   * @param name the layer's name
   * @param kernelShape the kernel's shape, its last axis groups · units
   * @param groups the blocks along the last axis
   * @return the weights
   */
  static WeightNorm grouped(Parameters params, String name, Shape kernelShape, int groups) {
    long[] k = kernelShape.asArray();
    long[] view = Arrays.copyOf(k, k.length + 1);
    view[k.length - 1] = groups;
    view[k.length] = k[k.length - 1] / groups;
    return new WeightNorm(params, name, kernelShape, view, k.length);
  }

  private WeightNorm(Parameters params, String name, Shape kernelShape, long[] view, int unitAxis) {
    this.params = params;
    this.name = name;
    this.kernelShape = kernelShape;
    this.grouped = Arrays.equals(view, kernelShape.asArray()) ? null : view;
    this.normAxes = IntStream.range(0, view.length).filter(a -> a != unitAxis).toArray();
    this.gShape = new long[view.length];
    Arrays.fill(gShape, 1L);
    gShape[unitAxis] = view[unitAxis];
    int units = Math.toIntExact(view[unitAxis]);
    this.v = params.normal(name + ".v", kernelShape, V_SCALE);
    this.g = params.given(name + ".g", Shape.of(units), key -> filled(units, 1f));
    this.b = params.given(name + ".b", Shape.of(units), key -> filled(units, 0f));
  }

  private static float[] filled(int n, float value) {
    float[] a = new float[n];
    Arrays.fill(a, value);
    return a;
  }

  /**
   * The kernel w = g · v / ‖v‖.
   *
   * @param tf ops
   * @return w, of the kernel's shape
   */
  Operand<TFloat32> kernel(Ops tf) {
    Operand<TFloat32> vv = Parameters.read(tf, v);
    if (grouped != null) {
      vv = tf.reshape(vv, tf.constant(grouped));
    }
    Operand<TFloat32> inverseNorm =
        tf.math.rsqrt(
            tf.reduceSum(tf.math.square(vv), tf.constant(normAxes), ReduceSum.keepDims(true)));
    Operand<TFloat32> scale =
        tf.math.mul(inverseNorm, tf.reshape(Parameters.read(tf, g), tf.constant(gShape)));
    Operand<TFloat32> w = tf.math.mul(vv, scale);
    return grouped == null ? w : tf.reshape(w, tf.constant(kernelShape.asArray()));
  }

  /**
   * pre + b; on the layer's first application in a graph trained from its initializers, adds the
   * data-dependent initializer of g and b from these pre-activations.
   *
   * @param tf ops
   * @param pre the pre-activations x·w, units along the last axis, of known rank
   * @return pre + b
   */
  Operand<TFloat32> withBias(Ops tf, Operand<TFloat32> pre) {
    if (!initializerAdded && params.initializesFromData()) {
      params.addDataInitializer(initializer(tf.withSubScope(name + ".data_init"), pre));
      initializerAdded = true;
    }
    return tf.nn.biasAdd(pre, Parameters.read(tf, b));
  }

  /**
   * g ← 1/σ and b ← −μ/σ, from t = pre / g = x·v/‖v‖ (per unit, g is a factor of pre; it is 1 when
   * the initializer runs, after the variables' own).
   */
  private org.tensorflow.op.Op initializer(Ops tf, Operand<TFloat32> pre) {
    Operand<TFloat32> t = tf.math.div(pre, Parameters.read(tf, g));
    int rank = pre.shape().numDimensions();
    if (rank < 2) {
      throw new IllegalArgumentException(
          name + " (weight norm): expected pre-activations of known rank >= 2, got " + rank);
    }
    // Moments over every axis but the units': the batch, and height and width for an image.
    Operand<org.tensorflow.types.TInt32> axes = tf.constant(IntStream.range(0, rank - 1).toArray());
    Operand<TFloat32> mean = tf.math.mean(t, axes);
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(t, mean), axes);
    Operand<TFloat32> inverseStd = tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON)));
    return tf.withControlDependencies(
            List.of(
                tf.assign(g, inverseStd), tf.assign(b, tf.math.neg(tf.math.mul(mean, inverseStd)))))
        .noOp();
  }
}
