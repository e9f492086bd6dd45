package io.tfvae.tools;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of the commands that run bounds, in image-samples done: a redrawn bar on a terminal;
 * in a log (stderr not a terminal) one line a minute once a run has lasted a minute, so an
 * hour-long evaluation under nohup says how far it is while a short one stays silent.
 */
final class ProgressBars {
  private ProgressBars() {}

  /** How often a log gets a line, and how long a run lasts before its first. */
  static final long LOG_INTERVAL_MILLIS = 60_000;

  /**
   * The image-samples of one model's bounds: one per example for the NELBO, m for each −IWAE-m.
   *
   * @param n examples
   * @param ms the m of each −IWAE-m
   * @return image-samples to do
   */
  static long total(int n, List<Integer> ms) {
    long total = n;
    for (int m : ms) {
      total += (long) n * m;
    }
    return total;
  }

  /**
   * A bar on stderr, or null when quiet.
   *
   * @param task the command's name
   * @param total image-samples to do
   * @param quiet {@code --quiet}
   * @return the bar, or null
   */
  static ProgressBar imageSamples(String task, long total, boolean quiet) {
    if (quiet) {
      return null;
    }
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" img-samples", 1)
            .showSpeed();
    if (redrawsOnTerminal()) {
      return bar.setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
    LogLines lines =
        new LogLines(System.err::println, () -> System.nanoTime() / 1_000_000, LOG_INTERVAL_MILLIS);
    return bar.setConsumer(new DelegatingProgressBarConsumer(lines, 120))
        .setUpdateIntervalMillis((int) LOG_INTERVAL_MILLIS)
        .build();
  }

  /**
   * Whether a bar is redrawn in place on a terminal, where a line printed to stdout meanwhile would
   * be cut by the next redraw (in a log a bar is a line a minute).
   */
  static boolean redrawsOnTerminal() {
    return System.console() != null;
  }

  /**
   * Passes on the rendered bars that come once the run has lasted {@code quietMillis}, each once
   * (closing a bar renders its last state again).
   */
  static final class LogLines implements Consumer<String> {
    private final Consumer<String> out;
    private final LongSupplier clockMillis;
    private final long quietUntil;
    private String last = "";

    LogLines(Consumer<String> out, LongSupplier clockMillis, long quietMillis) {
      this.out = out;
      this.clockMillis = clockMillis;
      this.quietUntil = clockMillis.getAsLong() + quietMillis;
    }

    @Override
    public void accept(String rendered) {
      String line = rendered.strip();
      if (clockMillis.getAsLong() >= quietUntil && !line.equals(last)) {
        out.accept(line);
        last = line;
      }
    }
  }
}
