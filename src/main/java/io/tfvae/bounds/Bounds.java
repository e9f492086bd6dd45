package io.tfvae.bounds;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/** Bounds on log p(x) from per-example log-densities. */
public final class Bounds {
  private Bounds() {}

  /**
   * log Σ_i exp(a_i) along an axis, shifted by the (gradient-free) maximum so that no term
   * overflows.
   *
   * @param <T> float type
   * @param tf ops
   * @param a values
   * @param axis the axis summed over (&gt;= 0)
   * @return a with that axis removed
   */
  public static <T extends TFloating> Operand<T> logSumExp(Ops tf, Operand<T> a, int axis) {
    var ax = tf.constant(axis);
    Operand<T> max = tf.stopGradient(tf.reduceMax(a, ax, ReduceMax.keepDims(true)));
    Operand<T> sum = tf.reduceSum(tf.math.exp(tf.math.sub(a, max)), ax);
    return tf.math.add(tf.math.log(sum), tf.squeeze(max, Squeeze.axis(List.of((long) axis))));
  }

  /**
   * log (1/k) Σ_i exp(a_i) along one axis, shifted by the maximum so that it neither overflows nor
   * underflows: m + log Σ exp(a_i − m) − log k with m = max_i a_i (held out of the gradient, which
   * does not depend on it).
   *
   * @param <T> float type
   * @param tf ops
   * @param a values
   * @param axis the axis to reduce, counted from 0 (removed from the result)
   * @return the log-mean-exp
   */
  public static <T extends TFloating> Operand<T> logMeanExp(Ops tf, Operand<T> a, int axis) {
    if (axis < 0) {
      throw new IllegalArgumentException("axis must be >= 0, got " + axis);
    }
    var ax = tf.constant(axis);
    Operand<T> max = tf.stopGradient(tf.reduceMax(a, ax, ReduceMax.keepDims(true)));
    Operand<T> sum = tf.reduceSum(tf.math.exp(tf.math.sub(a, max)), ax);
    Operand<T> count = tf.dtypes.cast(tf.gather(tf.shape(a), ax, tf.constant(0)), a.type());
    Operand<T> shift = tf.squeeze(max, Squeeze.axis(List.of((long) axis)));
    return tf.math.add(tf.math.sub(tf.math.log(sum), tf.math.log(count)), shift);
  }

  /**
   * Negative ELBO −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)), per example.
   *
   * @param tf ops
   * @param logPxGivenZ log p(x|z) at one sample z ~ q(z|x), [batch]
   * @param kl the KL term, [batch]
   * @param beta the KL weight β
   * @return the terms
   */
  public static NegativeElbo negativeElbo(
      Ops tf, Operand<TFloat32> logPxGivenZ, Operand<TFloat32> kl, float beta) {
    Operand<TFloat32> rec = tf.math.neg(logPxGivenZ);
    Operand<TFloat32> weightedKl = beta == 1f ? kl : tf.math.mul(tf.constant(beta), kl);
    return new NegativeElbo(tf.math.add(rec, weightedKl), kl, rec);
  }

  /**
   * Negative IWAE bound −log (1/m) Σ_i p(x, z_i) / q(z_i|x), z_i ~ q(z|x) (Burda et al. 2016, eq.
   * 8), per example. Inputs are [m, batch]: the samples of one image lie along axis 0, so the mean
   * is taken per image, never across images.
   *
   * @param tf ops
   * @param logPxGivenZ log p(x|z_i), [m, batch]
   * @param logPz log p(z_i), [m, batch]
   * @param logQzGivenX log q(z_i|x), [m, batch]
   * @return the negative bound, [batch]
   */
  public static Operand<TFloat32> negativeIwae(
      Ops tf,
      Operand<TFloat32> logPxGivenZ,
      Operand<TFloat32> logPz,
      Operand<TFloat32> logQzGivenX) {
    Operand<TFloat32> logW = tf.math.sub(tf.math.add(logPxGivenZ, logPz), logQzGivenX);
    return tf.math.neg(logMeanExp(tf, logW, 0));
  }
}
