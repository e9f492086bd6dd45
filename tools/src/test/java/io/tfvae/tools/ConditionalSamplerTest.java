package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tfvae.config.ModelDefinition;
import io.tfvae.training.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

class ConditionalSamplerTest {
  @TempDir static Path tmp;

  /**
   * Row c of the per-class grid is what the model's own {@code sample} signature draws under label
   * c with the same seed: the same codes from the model's prior (a mixture here, not N(0, I)),
   * decoded under c.
   */
  @Test
  void rowCIsTheModelsOwnPriorSamplesDecodedUnderLabelC() {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 conditional { classes: 10 } prior { mixture { components: 3 } }"
                + " likelihood { gaussian {} } } data { binarization: NONE }"
                + " training { batch_size: 10 steps: 20 threads: 1 }",
            "cond");
    Path dir = tmp.resolve("cond");
    try (Trainer t = Trainer.builder(def).setTrainingData(CliTest.images(60, 784, 1)).build()) {
      t.fit();
      t.export(dir);
    }
    int cols = 4;
    long seed = 11;
    try (ModelHandle h = ModelHandle.open(dir, 1, false)) {
      float[] grid = ConditionalSampler.perClass(h, cols, seed);
      for (int c : new int[] {0, 7}) {
        float[] y = new float[cols * 10];
        for (int i = 0; i < cols; i++) {
          y[i * 10 + c] = 1f;
        }
        try (TInt32 n = TInt32.scalarOf(cols);
            TInt64 s = TInt64.vectorOf(seed, 0);
            TFloat32 yt = TFloat32.tensorOf(Shape.of(cols, 10), DataBuffers.of(y, true, false))) {
          Map<String, Tensor> in = new HashMap<>(Map.of("n", n, "seed", s, "y", yt));
          try (Result r = h.call(Contract.SAMPLE, in)) {
            float[] want = Evaluator.read(r, "x_mean", cols * 784);
            assertArrayEquals(
                want,
                Arrays.copyOfRange(grid, c * cols * 784, (c + 1) * cols * 784),
                1e-5f,
                "label " + c);
          }
        }
      }
    }
  }
}
