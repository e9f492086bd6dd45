package io.tfvae.models;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The loss one training step minimises, with the scalars reported beside it.
 *
 * @param loss the scalar minimised
 * @param metrics named scalars in report order ({@code nelbo}, {@code kl}, {@code rec}, ...)
 * @param partUpdates parts trained on losses of their own, with optimizers of their own
 */
public record TrainingObjective(
    Operand<TFloat32> loss,
    Map<String, Operand<TFloat32>> metrics,
    java.util.List<io.tfvae.objectives.PartUpdate> partUpdates) {
  /**
   * Keeps the metrics' order.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   * @param partUpdates parts trained on their own losses
   */
  public TrainingObjective {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    partUpdates = java.util.List.copyOf(partUpdates);
  }

  /**
   * A loss and its metrics: one optimizer for every variable.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   */
  public TrainingObjective(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> metrics) {
    this(loss, metrics, java.util.List.of());
  }
}
