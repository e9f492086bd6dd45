package io.tfvae.objectives;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The combination IWAE of Rainforth et al. 2018 (CIWAE, section 4): the batch mean of β·NELBO + (1
 * − β)·(−IWAE-k). A tighter bound (IWAE-k) gives the generative model a better gradient and the
 * inference network a noisier one; the mix trades the two. β = 1 is the ELBO, β = 0 IWAE-k.
 */
public final class Ciwae implements Objective {
  private final float beta;
  private final int k;

  /**
   * The CIWAE objective.
   *
   * @param beta the ELBO's weight, in [0, 1]
   * @param k importance samples per example of the IWAE term
   * @throws IllegalArgumentException if β is outside [0, 1] or k &lt; 1
   */
  public Ciwae(float beta, int k) {
    if (!(beta >= 0f && beta <= 1f)) {
      throw new IllegalArgumentException("ciwae beta: expected a number in [0, 1], got " + beta);
    }
    if (k < 1) {
      throw new IllegalArgumentException("ciwae k: expected a number >= 1, got " + k);
    }
    this.beta = beta;
    this.k = k;
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    var axis0 = tf.constant(0);
    Operand<TFloat32> nelbo = tf.math.mean(record.nelbo(), axis0);
    Operand<TFloat32> niwae = tf.math.mean(record.negativeIwae(k), axis0);
    Operand<TFloat32> loss =
        tf.math.add(
            tf.math.mul(tf.constant(beta), nelbo), tf.math.mul(tf.constant(1f - beta), niwae));
    return new ObjectiveValue(loss, java.util.Map.of("niwae", niwae));
  }

  @Override
  public String describe() {
    return "ciwae, beta " + beta + ", k " + k;
  }
}
