package io.tfvae.objectives;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * An objective at one step.
 *
 * @param loss the scalar minimised
 * @param metrics named scalars reported with the model's own, in order (may be empty)
 * @param partUpdates parts trained on losses of their own (FactorVAE's discriminator); usually none
 */
public record ObjectiveValue(
    Operand<TFloat32> loss,
    Map<String, Operand<TFloat32>> metrics,
    java.util.List<PartUpdate> partUpdates) {
  /**
   * Keeps the metrics' order.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   * @param partUpdates parts trained on losses of their own
   */
  public ObjectiveValue {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    partUpdates = java.util.List.copyOf(partUpdates);
  }

  /**
   * A loss and its metrics, no part trained on its own.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   */
  public ObjectiveValue(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> metrics) {
    this(loss, metrics, java.util.List.of());
  }

  /**
   * A loss with nothing else to report.
   *
   * @param loss the scalar minimised
   * @return the value
   */
  public static ObjectiveValue of(Operand<TFloat32> loss) {
    return new ObjectiveValue(loss, Map.of());
  }
}
