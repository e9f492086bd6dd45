package io.tfvae.objectives;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A generative objective and one of the model's auxiliary losses, each weighted: w_g · L_g + w_a ·
 * L_a. The SSVAE trains on gen_weight · (its label-summed negative ELBO) + class_weight · (the
 * cross-entropy of q(y | x) on its labelled images) (Kingma et al. 2014, eq. 9 with α =
 * class_weight).
 */
public final class WeightedSum implements Objective {
  private final Objective generative;
  private final float generativeWeight;
  private final String auxiliary;
  private final float auxiliaryWeight;

  private WeightedSum(
      Objective generative, float generativeWeight, String auxiliary, float auxiliaryWeight) {
    this.generative = generative;
    this.generativeWeight = generativeWeight;
    this.auxiliary = auxiliary;
    this.auxiliaryWeight = auxiliaryWeight;
  }

  /**
   * w_g · generative + w_a · the model's auxiliary loss of that name.
   *
   * @param generative the generative objective, or null when the model has no generative part (then
   *     only the auxiliary loss is trained)
   * @param generativeWeight w_g
   * @param auxiliary the name of one of the model's {@link StepRecord#namedLosses()}
   * @param auxiliaryWeight w_a
   * @return the objective
   */
  public static WeightedSum of(
      Objective generative, float generativeWeight, String auxiliary, float auxiliaryWeight) {
    return new WeightedSum(generative, generativeWeight, auxiliary, auxiliaryWeight);
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    Operand<TFloat32> aux = record.namedLosses().get(auxiliary);
    if (aux == null) {
      throw new IllegalArgumentException(
          "weighted sum: the model offers no auxiliary loss '"
              + auxiliary
              + "'; it offers "
              + record.namedLosses().keySet());
    }
    Operand<TFloat32> auxTerm = tf.math.mul(tf.constant(auxiliaryWeight), aux);
    if (generative == null) {
      return ObjectiveValue.of(auxTerm);
    }
    ObjectiveValue g = generative.loss(tf, record, step);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>(g.metrics());
    return new ObjectiveValue(
        tf.math.add(tf.math.mul(tf.constant(generativeWeight), g.loss()), auxTerm), metrics);
  }

  @Override
  public String describe() {
    return (generative == null ? "" : generativeWeight + " x (" + generative.describe() + ") + ")
        + auxiliaryWeight
        + " x "
        + auxiliary;
  }
}
