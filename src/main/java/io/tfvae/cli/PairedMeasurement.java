package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.training.Trainer;
import java.util.Arrays;

/**
 * Two training configurations measured in one process, windows alternating (A B, B A, A B, ...), so
 * that the drift of a shared machine, which moves both alike within seconds, cancels in the ratio.
 * Each window's B/A ratio is a paired observation; the report is their geometric mean with its
 * standard error.
 */
final class PairedMeasurement {
  /** Medians of A's and B's ms/step, and B/A as geometric mean ± standard error over the pairs. */
  record Result(double medianA, double medianB, double ratio, double standardError, int pairs) {}

  private PairedMeasurement() {}

  /**
   * Trains both definitions side by side and times each window.
   *
   * @param a the reference definition
   * @param b the other one
   * @param data training images
   * @param warmup steps each trains before timing
   * @param window steps per timed window
   * @param pairs windows per configuration
   * @return the comparison
   */
  static Result measure(
      ModelDefinition a, ModelDefinition b, ImageSet data, long warmup, int window, int pairs) {
    String steps = String.valueOf(warmup + (long) window * pairs);
    try (Trainer ta = trainer(a, steps, data);
        Trainer tb = trainer(b, steps, data)) {
      ta.fitTo(warmup);
      tb.fitTo(warmup);
      double[] msA = new double[pairs];
      double[] msB = new double[pairs];
      for (int p = 0; p < pairs; p++) {
        // Alternate which goes first, so neither always follows the other's cache state.
        boolean aFirst = p % 2 == 0;
        double first = time(aFirst ? ta : tb, window);
        double second = time(aFirst ? tb : ta, window);
        msA[p] = aFirst ? first : second;
        msB[p] = aFirst ? second : first;
      }
      return of(msA, msB);
    }
  }

  /**
   * The comparison of paired window times: B/A as exp(mean_p log(b_p / a_p)) with standard error
   * ratio · sd(log(b_p / a_p)) / √n (the delta method), and each side's median.
   *
   * @param msA A's ms/step per window
   * @param msB B's ms/step in the paired windows
   * @return the comparison
   */
  static Result of(double[] msA, double[] msB) {
    int pairs = msA.length;
    double[] logRatio = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      logRatio[p] = Math.log(msB[p] / msA[p]);
    }
    double mean = Arrays.stream(logRatio).average().orElse(0);
    double var =
        Arrays.stream(logRatio).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, pairs - 1);
    double ratio = Math.exp(mean);
    return new Result(median(msA), median(msB), ratio, ratio * Math.sqrt(var / pairs), pairs);
  }

  private static Trainer trainer(ModelDefinition d, String steps, ImageSet data) {
    ModelDefinition def =
        d.withOverride("training.steps", steps)
            .withOverride("training.checkpoint_every", "0")
            .withOverride("training.log_every", steps);
    return Trainer.builder(def).setTrainingData(data).build();
  }

  private static double time(Trainer t, int window) {
    long start = System.nanoTime();
    t.fitTo(t.step() + window);
    return (System.nanoTime() - start) / 1e6 / window;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
