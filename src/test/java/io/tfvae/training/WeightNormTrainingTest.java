package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.testing.TinyData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight normalization with data-dependent initialization (Salimans and Kingma 2016) in training: a
 * fresh run starts each layer standardized on the batch of step 0, and the checkpoint carries that
 * start, so a resumed run is the uninterrupted one.
 */
class WeightNormTrainingTest {
  @TempDir Path tmp;

  private static final ImageSet VECTORS = TinyData.images(200, 20, 3);
  private static final ImageSet IMAGES = TinyData.images(200, 784, 3);

  /** A dense VAE of 20 pixels, both networks weight-normalized; 20 steps, checkpoint every 10. */
  private static ModelDefinition dense(long steps) {
    return TinyData.tinyVae(steps)
        .withOverride("vae.encoder.weight_norm", "true")
        .withOverride("vae.decoder.weight_norm", "true");
  }

  /**
   * A convolutional VAE of 28 × 28 images with every layer kind weight-normalized: a stride-2
   * convolution and a residual block, a transposed and a depth-to-space upsampling.
   */
  private static ModelDefinition conv(long steps) {
    return ModelDefinition.parse(
        "name: 'tiny-conv' vae { latent_dim: 2"
            + " encoder { weight_norm: true conv {"
            + " layers { conv2d { filters: 4 strides: 2 } } layers { residual {} } } }"
            + " decoder { weight_norm: true conv { reshape: [7, 7, 4]"
            + " layers { upsample2d { filters: 4 } }"
            + " layers { upsample2d { filters: 2 method: DEPTH_TO_SPACE } } } } }"
            + " training { batch_size: 10 steps: "
            + steps
            + " seed: 7 threads: 2 checkpoint_every: 5 log_every: 5 }",
        "tiny-conv.pbtxt");
  }

  private static Trainer trainer(ModelDefinition def, ImageSet data, Path dir) {
    return Trainer.builder(def).setTrainingData(data).optCheckpointDir(dir).build();
  }

  /** The pixels of step 0, as the trainer feeds them (binarized under key (seed, 0)). */
  private static float[] firstBatch(Trainer t, ImageSet data) {
    return StepBatches.of(t.config(), data, null, 0).batch(0).pixels();
  }

  /** w = g · v / ‖v‖, the norm over every axis of v but the last (the units'), row-major. */
  private static double[] normalizedKernel(Map<String, float[]> weights, String layer) {
    float[] v = weights.get(layer + ".v");
    float[] g = weights.get(layer + ".g");
    int units = g.length;
    double[] norm = new double[units];
    for (int i = 0; i < v.length; i++) {
      norm[i % units] += (double) v[i] * v[i];
    }
    double[] w = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      w[i] = g[i % units] * v[i] / Math.sqrt(norm[i % units]);
    }
    return w;
  }

  /**
   * Each unit of [rows, units] values has mean 0 and variance 1 (over n, as the initializer
   * computes it) up to float32 rounding of the graph's statistics.
   */
  private static void assertStandardized(double[] y, int units, String what) {
    int rows = y.length / units;
    for (int u = 0; u < units; u++) {
      double mean = 0;
      for (int r = 0; r < rows; r++) {
        mean += y[r * units + u];
      }
      mean /= rows;
      double variance = 0;
      for (int r = 0; r < rows; r++) {
        variance += (y[r * units + u] - mean) * (y[r * units + u] - mean);
      }
      variance /= rows;
      assertEquals(0, mean, 1e-4, what + ": mean of unit " + u);
      assertEquals(1, variance, 1e-3, what + ": variance of unit " + u);
    }
  }

  /** Trains N steps straight, and N/2 then N/2 more resumed: the weights are bit for bit equal. */
  private void assertResumesExactly(
      java.util.function.LongFunction<ModelDefinition> def, ImageSet data, int steps) {
    Map<String, float[]> straight;
    float[] straightLosses;
    try (Trainer t = trainer(def.apply(steps), data, tmp.resolve("straight"))) {
      straightLosses = t.fit().losses();
      straight = t.weights();
    }
    try (Trainer t = trainer(def.apply(steps / 2), data, tmp.resolve("halves"))) {
      t.fit();
    }
    try (Trainer t = trainer(def.apply(steps), data, tmp.resolve("halves"))) {
      assertEquals(steps / 2, t.step(), "resumed");
      TrainingResult r = t.fit();
      assertArrayEquals(Arrays.copyOfRange(straightLosses, steps / 2, steps), r.losses());
      Map<String, float[]> resumed = t.weights();
      assertEquals(straight.keySet(), resumed.keySet());
      for (String name : straight.keySet()) {
        assertArrayEquals(straight.get(name), resumed.get(name), name);
      }
    }
  }

  /**
   * Before step 1, the encoder's first dense layer x·w + b, computed here from the weights with w =
   * g · v / ‖v‖, has mean 0 and variance 1 per unit on the batch of step 0; and the run resumes
   * exactly (a resumed run restores g and b instead of setting them again).
   */
  @Test
  void aDenseNetworkStartsStandardizedOnTheFirstBatchAndResumesExactly() {
    try (Trainer t = trainer(dense(20), VECTORS, tmp.resolve("start"))) {
      Map<String, float[]> w = t.weights();
      assertTrue(w.containsKey("encoder.dense_0.v") && !w.containsKey("encoder.dense_0.kernel"));
      double[] kernel = normalizedKernel(w, "encoder.dense_0");
      float[] b = w.get("encoder.dense_0.b");
      float[] x = firstBatch(t, VECTORS);
      int in = 20;
      int units = b.length;
      int rows = x.length / in;
      double[] pre = new double[rows * units];
      for (int r = 0; r < rows; r++) {
        for (int u = 0; u < units; u++) {
          double s = b[u];
          for (int i = 0; i < in; i++) {
            s += x[r * in + i] * kernel[i * units + u];
          }
          pre[r * units + u] = s;
        }
      }
      assertStandardized(pre, units, "encoder.dense_0");
    }
    assertResumesExactly(WeightNormTrainingTest::dense, VECTORS, 20);
  }

  /**
   * The same for images: the first convolution (3 × 3, stride 2, SAME: no padding on top and left
   * for 28 → 14), computed here from the weights, has mean 0 and variance 1 per filter over the
   * batch and the 14 × 14 positions; and the run resumes exactly.
   */
  @Test
  void aConvolutionalNetworkStartsStandardizedOnTheFirstBatchAndResumesExactly() {
    try (Trainer t = trainer(conv(10), IMAGES, tmp.resolve("start"))) {
      Map<String, float[]> w = t.weights();
      double[] kernel = normalizedKernel(w, "encoder.conv_0");
      float[] b = w.get("encoder.conv_0.b");
      float[] x = firstBatch(t, IMAGES);
      int side = 28;
      int out = 14;
      int k = 3;
      int filters = b.length;
      int rows = x.length / (side * side);
      double[] pre = new double[rows * out * out * filters];
      for (int n = 0; n < rows; n++) {
        for (int i = 0; i < out; i++) {
          for (int j = 0; j < out; j++) {
            for (int f = 0; f < filters; f++) {
              double s = b[f];
              for (int u = 0; u < k; u++) {
                for (int q = 0; q < k; q++) {
                  int r = 2 * i + u;
                  int c = 2 * j + q;
                  if (r < side && c < side) {
                    s += x[n * side * side + r * side + c] * kernel[(u * k + q) * filters + f];
                  }
                }
              }
              pre[((n * out + i) * out + j) * filters + f] = s;
            }
          }
        }
      }
      assertStandardized(pre, filters, "encoder.conv_0");
    }
    assertResumesExactly(WeightNormTrainingTest::conv, IMAGES, 10);
  }
}
