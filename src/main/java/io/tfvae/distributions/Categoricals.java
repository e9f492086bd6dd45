package io.tfvae.distributions;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Formulas of independent categorical variables, laid out [..., N, K] (N variables of K classes;
 * the last axis sums to 1).
 */
public final class Categoricals {
  /** Floor of the uniform draw under the Gumbel transform, so that −log(−log u) stays finite. */
  private static final float UNIFORM_FLOOR = 1e-20f;

  private Categoricals() {}

  /**
   * Standard Gumbel noise g = −log(−log u), u ~ U[0, 1), from a stateless op held out of the
   * gradient.
   *
   * @param tf ops
   * @param shape its shape
   * @param seed stateless seed, [2]
   * @return the noise
   */
  public static Operand<TFloat32> gumbel(Ops tf, Operand<TInt32> shape, Operand<TInt64> seed) {
    Operand<TFloat32> u =
        tf.math.maximum(tf.random.statelessRandomUniform(shape, seed), tf.constant(UNIFORM_FLOOR));
    return tf.stopGradient(tf.math.neg(tf.math.log(tf.math.neg(tf.math.log(u)))));
  }

  /**
   * An exact sample by the Gumbel-max trick: one-hot(argmax_k (log π_k + g_k)) ~ Categorical(π).
   *
   * @param tf ops
   * @param logits unnormalized log-probabilities, [..., K]
   * @param gumbel Gumbel noise, broadcastable to logits
   * @param classes K
   * @return one-hot samples, [..., K]
   */
  public static Operand<TFloat32> gumbelMax(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> gumbel, int classes) {
    Operand<TInt64> k = tf.math.argMax(tf.math.add(logits, gumbel), tf.constant(-1));
    return tf.oneHot(k, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  /**
   * The Gumbel-Softmax (Concrete) relaxed sample softmax((log π + g) / τ) (Jang et al. 2017, eq. 1;
   * Maddison et al. 2017), differentiable in π.
   *
   * @param tf ops
   * @param logits unnormalized log-probabilities, [..., K]
   * @param gumbel Gumbel noise, broadcastable to logits
   * @param temperature τ &gt; 0 (scalar)
   * @param classes K
   * @return relaxed samples on the simplex, [..., K]
   */
  public static Operand<TFloat32> gumbelSoftmax(
      Ops tf,
      Operand<TFloat32> logits,
      Operand<TFloat32> gumbel,
      Operand<TFloat32> temperature,
      int classes) {
    return softmax(tf, tf.math.div(tf.math.add(logits, gumbel), temperature), classes);
  }

  /**
   * softmax along the last axis of a tensor of any rank. TensorFlow's C++ gradients of Softmax and
   * LogSoftmax (the ones graph mode uses) sum over axis 1, which is the class axis of 2-D input
   * only, so the op runs on a [-1, K] view.
   *
   * @param tf ops
   * @param logits [..., K]
   * @param classes K
   * @return probabilities, [..., K]
   */
  public static Operand<TFloat32> softmax(Ops tf, Operand<TFloat32> logits, int classes) {
    return tf.reshape(
        tf.nn.softmax(tf.reshape(logits, tf.constant(new int[] {-1, classes}))), tf.shape(logits));
  }

  /**
   * log-softmax along the last axis of a tensor of any rank, on a [-1, K] view (see {@link
   * #softmax}).
   *
   * @param tf ops
   * @param logits [..., K]
   * @param classes K
   * @return log-probabilities, [..., K]
   */
  public static Operand<TFloat32> logSoftmax(Ops tf, Operand<TFloat32> logits, int classes) {
    return tf.reshape(
        tf.nn.logSoftmax(tf.reshape(logits, tf.constant(new int[] {-1, classes}))),
        tf.shape(logits));
  }

  /**
   * Straight-through: the forward value of the one-hot argmax of a relaxed sample y, the gradient
   * of y (Jang et al. 2017, section 2.2): one-hot(argmax y) − stop(y) + y.
   *
   * @param tf ops
   * @param relaxed y, [..., K]
   * @param classes K
   * @return one-hot forward, relaxed backward
   */
  public static Operand<TFloat32> straightThrough(Ops tf, Operand<TFloat32> relaxed, int classes) {
    Operand<TFloat32> hard = gumbelMax(tf, relaxed, tf.zerosLike(relaxed), classes);
    return tf.math.add(tf.stopGradient(tf.math.sub(hard, relaxed)), relaxed);
  }

  /**
   * KL(q ‖ p) = Σ_n Σ_k q_nk (log q_nk − log p_nk) of independent categoricals, summed over the
   * last two axes.
   *
   * @param tf ops
   * @param logQ log-probabilities of q, [..., N, K]
   * @param logP log-probabilities of p, broadcastable to logQ
   * @return the KL, [...]
   */
  public static Operand<TFloat32> kl(Ops tf, Operand<TFloat32> logQ, Operand<TFloat32> logP) {
    Operand<TFloat32> terms = tf.math.mul(tf.math.exp(logQ), tf.math.sub(logQ, logP));
    return tf.reduceSum(terms, tf.constant(new int[] {-2, -1}));
  }

  /**
   * log p(z) = Σ_n Σ_k z_nk log p_nk of one-hot codes, summed over the last two axes.
   *
   * @param tf ops
   * @param oneHot codes, [..., N, K]
   * @param logP log-probabilities, broadcastable to the codes
   * @return the log-probability, [...]
   */
  public static Operand<TFloat32> logProbOneHot(
      Ops tf, Operand<TFloat32> oneHot, Operand<TFloat32> logP) {
    return tf.reduceSum(tf.math.mul(oneHot, logP), tf.constant(new int[] {-2, -1}));
  }

  /**
   * Reshapes [..., N·K] to [..., N, K].
   *
   * @param tf ops
   * @param flat codes or logits, [..., N·K]
   * @param variables N
   * @param classes K
   * @return [..., N, K]
   */
  public static Operand<TFloat32> unflatten(
      Ops tf, Operand<TFloat32> flat, int variables, int classes) {
    Operand<TInt32> leading = Shapes.leading(tf, flat, 1);
    return tf.reshape(
        flat,
        tf.concat(List.of(leading, tf.constant(new int[] {variables, classes})), tf.constant(0)));
  }

  /**
   * Reshapes [..., N, K] to [..., N·K].
   *
   * @param tf ops
   * @param codes [..., N, K]
   * @return [..., N·K]
   */
  public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> codes) {
    Operand<TInt32> leading = Shapes.leading(tf, codes, 2);
    return tf.reshape(
        codes, tf.concat(List.of(leading, tf.constant(new int[] {-1})), tf.constant(0)));
  }
}
