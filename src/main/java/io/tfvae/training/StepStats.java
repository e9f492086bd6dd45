package io.tfvae.training;

import java.util.Map;

/**
 * Averages over the steps since the last report.
 *
 * @param step steps completed
 * @param totalSteps steps the run will complete
 * @param loss mean training loss
 * @param metrics mean of each reported quantity, in report order: nelbo, kl, rec for a VAE;
 *     cross_entropy, accuracy for a classifier
 * @param stepsPerSecond throughput over the window
 * @param etaSeconds estimated time to the last step
 */
public record StepStats(
    long step,
    long totalSteps,
    double loss,
    Map<String, Double> metrics,
    double stepsPerSecond,
    double etaSeconds)
    implements Metrics {
  /** {@return the metrics as {@code name value} pairs} */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    metrics.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : " ")
                .append(k)
                .append(' ')
                .append(String.format(v < 1 && v > -1 ? "%.4f" : "%.2f", v)));
    return sb.toString();
  }
}
