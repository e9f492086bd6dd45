package io.tfvae.userland;

import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.objectives.StepRecord;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A user's KL warm-up: the batch mean of rec + min(1, t / steps)·KL. */
final class LinearWarmUp implements Objective {
  private final long steps;

  LinearWarmUp(long steps) {
    this.steps = steps;
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    Operand<TFloat32> beta =
        tf.math.minimum(
            tf.constant(1f),
            tf.math.div(tf.dtypes.cast(step, TFloat32.class), tf.constant((float) steps)));
    Operand<TFloat32> perExample = tf.math.add(record.rec(), tf.math.mul(beta, record.kl()));
    return new ObjectiveValue(tf.math.mean(perExample, tf.constant(0)), Map.of("beta", beta));
  }

  @Override
  public String describe() {
    return "linear KL warm-up over " + steps + " steps";
  }
}
