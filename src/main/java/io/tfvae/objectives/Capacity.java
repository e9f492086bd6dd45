package io.tfvae.objectives;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The AnnealedVAE's controlled capacity (Burgess et al. 2018, "Understanding disentangling in
 * β-VAE", eq. 8): the batch-mean reconstruction term plus γ·|KL − C(t)|, the batch-mean KL held
 * near a capacity that grows linearly from 0 to C_max over the first N steps, C(t) = C_max·min(1,
 * t/N), as disentanglement_lib's AnnealedVAE. A function of the step, so a resumed run is exact.
 * Reported: {@code capacity}, C(t).
 */
public final class Capacity implements Objective {
  private final float gamma;
  private final float maxCapacity;
  private final long steps;

  /**
   * A capacity objective.
   *
   * @param gamma γ, a finite number &gt; 0 (disentanglement_lib: 1000)
   * @param maxCapacity C_max in nats, a finite number &gt;= 0 (its study: 5 to 100; 25)
   * @param steps N, the steps over which C grows, &gt; 0 (its study: 100,000)
   */
  public Capacity(float gamma, float maxCapacity, long steps) {
    if (!(gamma > 0f) || Float.isInfinite(gamma)) {
      throw new IllegalArgumentException(
          "capacity.gamma: expected a finite number > 0, got " + gamma);
    }
    if (!(maxCapacity >= 0f) || Float.isInfinite(maxCapacity)) {
      throw new IllegalArgumentException(
          "capacity.max_nats: expected a finite number >= 0, got " + maxCapacity);
    }
    if (steps <= 0) {
      throw new IllegalArgumentException("capacity.steps: expected a number > 0, got " + steps);
    }
    this.gamma = gamma;
    this.maxCapacity = maxCapacity;
    this.steps = steps;
  }

  /**
   * C(t) = C_max·min(1, t/N).
   *
   * @param tf ops
   * @param step t
   * @return C(t), float scalar
   */
  public Operand<TFloat32> capacityAt(Ops tf, Operand<TInt64> step) {
    Operand<TFloat32> progress =
        tf.math.minimum(
            tf.math.div(tf.dtypes.cast(step, TFloat32.class), tf.constant((float) steps)),
            tf.constant(1f));
    return tf.math.mul(tf.constant(maxCapacity), progress);
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    var axis0 = tf.constant(0);
    Operand<TFloat32> c = capacityAt(tf, step);
    Operand<TFloat32> kl = tf.math.mean(record.kl(), axis0);
    Operand<TFloat32> loss =
        tf.math.add(
            tf.math.mean(record.rec(), axis0),
            tf.math.mul(tf.constant(gamma), tf.math.abs(tf.math.sub(kl, c))));
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("capacity", c);
    return new ObjectiveValue(loss, metrics);
  }

  @Override
  public String describe() {
    return "capacity, gamma "
        + gamma
        + ", from 0 to "
        + maxCapacity
        + " nats over "
        + steps
        + " steps";
  }
}
