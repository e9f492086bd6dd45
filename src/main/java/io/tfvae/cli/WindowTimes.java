package io.tfvae.cli;

import io.tfvae.training.StepStats;
import io.tfvae.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's timing: ms per step of every report window that ends after the warm-up. */
final class WindowTimes implements TrainingListener {
  private final long warmup;
  private final List<Double> ms = new ArrayList<>();

  WindowTimes(long warmup) {
    this.warmup = warmup;
  }

  @Override
  public void onReport(StepStats s) {
    if (s.step() > warmup) {
      ms.add(1000.0 / s.stepsPerSecond());
    }
  }

  /** The windows' ms per step, in order. */
  List<Double> ms() {
    return ms;
  }
}
