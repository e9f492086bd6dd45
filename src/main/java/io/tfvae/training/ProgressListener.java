package io.tfvae.training;

import java.io.PrintStream;

/**
 * The live progress line on stderr: step, NELBO, KL, Rec, steps/s and ETA. On a terminal it is a
 * progress bar (me.tongfei:progressbar) redrawn in place; otherwise (logs, CI) one plain line per
 * report.
 */
public final class ProgressListener implements TrainingListener {
  private final PrintStream out;
  private final boolean interactive;
  private ProgressBarView bar;

  /**
   * Progress on {@code System.err}, as a bar when a console is attached and me.tongfei:progressbar
   * is on the classpath (the launchers have it; a library user who wants the bar adds it).
   */
  public ProgressListener() {
    this(System.err, System.console() != null && ProgressBarView.available());
  }

  /**
   * @param out where to print
   * @param interactive draw a bar (true) or plain lines (false)
   */
  public ProgressListener(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onTrainingBegin(long startStep, long totalSteps) {
    if (interactive) {
      bar = new ProgressBarView(out, startStep, totalSteps);
    }
  }

  @Override
  public void onReport(StepStats s) {
    String metrics = s.describe();
    if (bar != null) {
      bar.show(s.step(), metrics);
    } else {
      out.printf(
          "step %d/%d  %s  %.1f steps/s  ETA %s%n",
          s.step(), s.totalSteps(), metrics, s.stepsPerSecond(), formatDuration(s.etaSeconds()));
    }
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /**
   * @param seconds a duration
   * @return it as {@code 1h02m03s}, {@code 2m03s} or {@code 3s}
   */
  public static String formatDuration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
    return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
