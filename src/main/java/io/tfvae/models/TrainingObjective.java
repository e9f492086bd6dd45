package io.tfvae.models;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The loss one training step minimises, with the scalars reported beside it.
 *
 * @param loss the scalar minimised
 * @param metrics named scalars in report order ({@code nelbo}, {@code kl}, {@code rec}, ...)
 */
public record TrainingObjective(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> metrics) {
  /**
   * Keeps the metrics' order.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   */
  public TrainingObjective {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }
}
