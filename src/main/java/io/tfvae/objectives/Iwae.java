package io.tfvae.objectives;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/** The batch mean of the negative IWAE-k bound (Burda et al. 2016): k = 1 is the ELBO. */
public final class Iwae implements Objective {
  private final int k;

  private Iwae(int k) {
    this.k = k;
  }

  /**
   * The IWAE objective.
   *
   * @param k importance samples per example
   * @return the objective
   * @throws IllegalArgumentException if k &lt; 1
   */
  public static Iwae withSamples(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("iwae k: expected a number >= 1, got " + k);
    }
    return new Iwae(k);
  }

  /** {@return importance samples per example} */
  public int k() {
    return k;
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    return ObjectiveValue.of(tf.math.mean(record.negativeIwae(k), tf.constant(0)));
  }

  @Override
  public String describe() {
    return "iwae, k " + k;
  }
}
