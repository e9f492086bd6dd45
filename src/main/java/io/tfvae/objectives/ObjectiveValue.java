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
 */
public record ObjectiveValue(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> metrics) {
  /**
   * Keeps the metrics' order.
   *
   * @param loss the scalar minimised
   * @param metrics named scalars, in order
   */
  public ObjectiveValue {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
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
