package io.tfvae.tools;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar of the commands that run bounds: image-samples done, on a terminal only. */
final class ProgressBars {
  private ProgressBars() {}

  /**
   * A bar on stderr, or null when quiet or not on a terminal (logs stay free of redraws).
   *
   * @param task the command's name
   * @param total image-samples to do
   * @param quiet {@code --quiet}
   * @return the bar, or null
   */
  static ProgressBar imageSamples(String task, long total, boolean quiet) {
    if (quiet || System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" img-samples", 1)
        .showSpeed()
        .build();
  }
}
