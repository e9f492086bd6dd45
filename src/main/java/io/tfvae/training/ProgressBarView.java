package io.tfvae.training;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The terminal progress bar of {@link ProgressListener}, the framework's only use of
 * me.tongfei:progressbar: an optional dependency, so this class is loaded only when it is there.
 */
final class ProgressBarView {
  private final ProgressBar bar;

  ProgressBarView(PrintStream out, long startStep, long totalSteps) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("train")
            .setInitialMax(totalSteps)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .setUnit(" steps", 1)
            .startsFrom(startStep, java.time.Duration.ZERO)
            .build();
  }

  /** Whether me.tongfei:progressbar is on the classpath. */
  static boolean available() {
    try {
      Class.forName(
          "me.tongfei.progressbar.ProgressBar", false, ProgressBarView.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  void show(long step, String metrics) {
    bar.stepTo(step);
    bar.setExtraMessage(metrics);
  }

  void close() {
    bar.close();
  }
}
