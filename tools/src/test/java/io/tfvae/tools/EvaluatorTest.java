package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.training.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

class EvaluatorTest {
  @TempDir static Path tmp;
  static Path model;
  static float[] x;
  static final int N = 3;
  static final int D = 784;

  @BeforeAll
  static void train() {
    ImageSet data = CliTest.images(60, D, 5);
    model = tmp.resolve("vae");
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }"
                + " training { batch_size: 10 steps: 20 threads: 1 }",
            "eval");
    try (Trainer t = Trainer.builder(def).setTrainingData(data).build()) {
      t.fit();
      t.export(model);
    }
    x = Binarization.fixed(data.head(N), 0);
  }

  /**
   * With a budget of 5 image-samples, -IWAE-10 of image b is two calls of m = 5 with seeds (s, b)
   * and (s, b + 2^32), combined exactly: log mean_10 = logsumexp(log mean_5 + log 5, log mean_5' +
   * log 5) - log 10. Here both calls are made by hand and combined in double.
   */
  @Test
  void chunksOfSamplesCombineExactlyIntoTheBoundOfAllOfThem() {
    long seed = 7;
    try (ModelHandle h = ModelHandle.open(model, 1, false)) {
      var report = new Evaluator(h, 500, 5, 1000).evaluate(x, N, D, List.of(10), seed, null);
      double sum = 0;
      for (int b = 0; b < N; b++) {
        double first = -niwae(h, b, 5, seed, b);
        double second = -niwae(h, b, 5, seed, b + (1L << 32));
        double max = Math.max(first, second);
        double logMean10 =
            max + Math.log(Math.exp(first - max) * 5 + Math.exp(second - max) * 5) - Math.log(10);
        sum += -logMean10;
      }
      assertEquals(sum / N, report.niwae().get(10).mean(), 1e-4 * Math.abs(sum / N));
      // One unchunked call of m = 10 uses other noise: not the same number, so the chunks matter.
      double whole = 0;
      for (int b = 0; b < N; b++) {
        whole += niwae(h, b, 10, seed, b);
      }
      org.junit.jupiter.api.Assertions.assertNotEquals(
          whole / N, report.niwae().get(10).mean(), 1e-6);
    }
  }

  /** negative_iwae of test image b alone. */
  private static double niwae(ModelHandle h, int b, int m, long s0, long s1) {
    try (TFloat32 xt = Evaluator.slice(Arrays.copyOfRange(x, b * D, b * D + D), 0, 1, D);
        TInt32 mt = TInt32.scalarOf(m);
        TInt64 st = TInt64.vectorOf(s0, s1);
        Result r = h.call(Contract.NEGATIVE_IWAE, Map.of("x", xt, "m", mt, "seed", st))) {
      return Evaluator.read(r, "niwae", 1)[0];
    }
  }

  @Test
  void theElboIsAveragedPerImageWithBatchSeeds() {
    // Batches of 2 images: batch b is seeded (s, b); by hand the same calls give the same mean.
    try (ModelHandle h = ModelHandle.open(model, 1, false)) {
      var report = new Evaluator(h, 2, 25000, 1000).evaluate(x, N, D, List.of(), 3, null);
      double sum = 0;
      for (int b = 0, start = 0; start < N; b++, start += 2) {
        int size = Math.min(2, N - start);
        try (TFloat32 xt = Evaluator.slice(x, start, size, D);
            TInt64 st = TInt64.vectorOf(3, b);
            Result r = h.call(Contract.NEGATIVE_ELBO, Map.of("x", xt, "seed", st))) {
          for (float v : Evaluator.read(r, "nelbo", size)) {
            sum += v;
          }
        }
      }
      assertEquals(sum / N, report.nelbo().mean(), 1e-5 * Math.abs(sum / N));
    }
  }
}
