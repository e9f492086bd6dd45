package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Formulas of independent Bernoullis. */
public final class Bernoullis {
  private Bernoullis() {}

  /**
   * log Bern(x; σ(l)) = Σ [x·l − softplus(l)], the negative sigmoid cross-entropy, summed over the
   * last axis. Exact for x in {0, 1} and stable for any logit l.
   *
   * @param <T> float type
   * @param tf ops
   * @param x observations in {0, 1}, broadcastable to logits
   * @param logits l
   * @return log-probability, [...]
   */
  public static <T extends TFloating> Operand<T> logBernoulliWithLogits(
      Ops tf, Operand<T> x, Operand<T> logits) {
    Operand<T> terms = tf.math.sub(tf.math.mul(x, logits), tf.math.softplus(logits));
    return tf.reduceSum(terms, tf.constant(-1));
  }
}
