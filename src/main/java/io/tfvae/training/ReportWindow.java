package io.tfvae.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums the loss and metrics of the steps since the last report, and their rate. */
final class ReportWindow {
  private final List<String> names;
  private final double[] sums;
  private double sumLoss;
  private int steps;
  private long start = System.nanoTime();

  ReportWindow(List<String> names) {
    this.names = names;
    this.sums = new double[names.size()];
  }

  void add(float loss, float[] metrics) {
    sumLoss += loss;
    for (int i = 0; i < sums.length; i++) {
      sums[i] += metrics[i];
    }
    steps++;
  }

  /** The window's means and rate, as a report at the given step; then starts a new window. */
  StepStats close(long step, long total) {
    long now = System.nanoTime();
    double rate = steps / ((now - start) / 1e9);
    Map<String, Double> means = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      means.put(names.get(i), sums[i] / steps);
    }
    StepStats stats =
        new StepStats(
            step,
            total,
            sumLoss / steps,
            Collections.unmodifiableMap(means),
            rate,
            (total - step) / rate);
    java.util.Arrays.fill(sums, 0);
    sumLoss = 0;
    steps = 0;
    start = now;
    return stats;
  }
}
