package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.data.Mnist;
import io.tfvae.training.StepStats;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae-bench}: training speed (median ms per step over report windows), evaluation
 * throughput of the bounds, the dense layers' achieved GFLOP/s, and peak resident memory.
 */
@Command(
    name = "tfvae-bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark training and evaluation of a model definition.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "vae", paramLabel = "MODEL", description = "model-defs/*.pbtxt or preset (default vae)")
  String model;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "MNIST folder; default: random images of MNIST's shape")
  Path dataDir;

  @Option(names = "--steps", defaultValue = "2000", description = "measured training steps (default ${DEFAULT-VALUE})")
  long steps;

  @Option(names = "--warmup", defaultValue = "200", description = "steps before measuring (default ${DEFAULT-VALUE})")
  long warmup;

  @Option(names = "--threads", defaultValue = "0", description = "TensorFlow threads (0: all cores)")
  int threads;

  @Option(names = "--iw", split = ",", defaultValue = "1,10,100,1000", description = "m values for IWAE throughput")
  List<Integer> iw;

  @Option(names = "--eval-images", defaultValue = "1000", description = "images per evaluation measurement")
  int evalImages;

  @Option(names = "--budget", defaultValue = "25000", description = "image-samples per IWAE call, as the tool")
  int budget;

  @Override
  public Integer call() throws IOException {
    ModelDefinition def =
        ModelDefinition.resolve(model)
            .withOverride("training.steps", String.valueOf(warmup + steps))
            .withOverride("training.threads", String.valueOf(threads))
            .withOverride("training.checkpoint_every", "0")
            .withOverride("training.log_every", "100");
    ImageSet train = dataDir != null ? Mnist.train(dataDir) : randomImages(60000, 784, 1);
    ImageSet test = dataDir != null ? Mnist.test(dataDir) : randomImages(10000, 784, 2);
    List<Double> windowMs = new ArrayList<>();
    try (Trainer t =
        Trainer.builder(def)
            .setTrainingData(train)
            .addListener(
                new TrainingListener() {
                  @Override
                  public void onReport(StepStats s) {
                    if (s.step() > warmup) {
                      windowMs.add(1000.0 / s.stepsPerSecond());
                    }
                  }
                })
            .build()) {
      t.fit();
      double[] ms = windowMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = ms[ms.length / 2];
      long macs = t.model().multiplyAddsPerExample();
      // Forward + backward of a dense layer: about 3 × 2 × in × out FLOP per example.
      double flopPerStep = 6.0 * macs * def.batchSize();
      System.out.printf("model %s, batch %d, threads %d, %s data%n", def.name(), def.batchSize(), def.threads(),
          dataDir != null ? "MNIST" : "random");
      System.out.printf("train: median %.3f ms/step (p10 %.3f, p90 %.3f over %d windows of 100 steps), %.1f GFLOP/s in dense layers%n",
          median, ms[ms.length / 10], ms[ms.length * 9 / 10], ms.length, flopPerStep / (median / 1000) / 1e9);

      int n = Math.min(evalImages, test.count());
      float[] x = Binarization.fixed(test.head(n), 0);
      long start = System.nanoTime();
      for (int b = 0; b * 500 < n; b++) {
        int size = Math.min(500, n - b * 500);
        t.negativeElbo(Arrays.copyOfRange(x, b * 500 * 784, (b * 500 + size) * 784), size, new long[] {0, b});
      }
      double sec = (System.nanoTime() - start) / 1e9;
      System.out.printf("eval negative_elbo: %.0f images/s%n", n / sec);
      for (int m : iw) {
        int images = Math.max(1, Math.min(1000, budget / m));
        int evalN = Math.min(n, Math.max(images, m >= 1000 ? 200 : n));
        start = System.nanoTime();
        for (int s = 0; s < evalN; s += images) {
          int size = Math.min(images, evalN - s);
          t.negativeIwae(Arrays.copyOfRange(x, s * 784, (s + size) * 784), size, m, new long[] {0, s});
        }
        sec = (System.nanoTime() - start) / 1e9;
        double rate = (double) evalN * m / sec;
        double flop = 2.0 * t.model().decoderMultiplyAdds() * evalN * m;
        System.out.printf("eval negative_iwae m=%d: %.0f image-samples/s (%d images, %.1f GFLOP/s in the decoder)%n",
            m, rate, evalN, flop / sec / 1e9);
      }
    }
    System.out.printf("peak resident memory: %.0f MB%n", peakRssKb() / 1024.0);
    return 0;
  }

  static ImageSet randomImages(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] p = new byte[n * dim];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) r.nextInt(256);
    }
    return new ImageSet(p, new byte[n], n, dim);
  }

  /** Peak resident set size of this process (VmHWM), native memory included; -1 if unknown. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setExecutionExceptionHandler(new Errors());
    System.exit(cmd.execute(args));
  }
}
