package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.testing.TinyData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FactorVAE trains two parts with two optimizers in one step: the model on the ELBO + γ·TC, the
 * discriminator on its own cross-entropy. Neither optimizer touches the other's variables, and a
 * run stopped and resumed ends with the same weights, byte for byte, as one run straight through.
 */
class FactorVaeTrainingTest {
  private static final ImageSet DATA = TinyData.images(200, 20, 3);

  @TempDir Path tmp;

  private static ModelDefinition def(String objective, long steps) {
    return ModelDefinition.parse(
        "vae { latent_dim: 3 encoder { hidden: 8 } decoder { hidden: 8 } objective { "
            + objective
            + " } } training { batch_size: 10 steps: "
            + steps
            + " seed: 2 threads: 1 log_every: 5 }",
        "factor");
  }

  private static Map<String, float[]> train(ModelDefinition d, Path dir) {
    try (Trainer t = Trainer.builder(d).setTrainingData(DATA).optCheckpointDir(dir).build()) {
      t.fit();
      return new TreeMap<>(t.weights());
    }
  }

  /**
   * With γ = 0 the model's loss is the ELBO's, so the model's weights are an ELBO run's to the bit:
   * the discriminator, trained beside it, moves nothing of the model's. It moves its own weights.
   */
  @Test
  void withGammaZeroTheModelTrainsExactlyAsTheElboAndTheDiscriminatorLearns() {
    String gammaZero = "factor_vae { gamma: 0 discriminator_hidden: [16, 16] }";
    Map<String, float[]> factor = train(def(gammaZero, 20), null);
    Map<String, float[]> elbo = train(def("elbo {}", 20), null);
    Map<String, float[]> start = train(def(gammaZero, 0), null);
    int discriminator = 0;
    for (var e : factor.entrySet()) {
      if (e.getKey().startsWith("discriminator.")) {
        discriminator++;
        assertFalse(Arrays.equals(start.get(e.getKey()), e.getValue()), e.getKey() + " moved");
      } else {
        assertArrayEquals(elbo.get(e.getKey()), e.getValue(), e.getKey());
      }
    }
    assertEquals(6, discriminator, "three dense layers, each a kernel and a bias");
  }

  @Test
  void aRunStoppedAndResumedEndsWithTheStraightRunsWeightsByteForByte() {
    String factor = "factor_vae { gamma: 20 discriminator_hidden: [16, 16] }";
    Map<String, float[]> straight = train(def(factor, 30), tmp.resolve("straight"));
    train(def(factor, 13), tmp.resolve("resumed"));
    Map<String, float[]> resumed = train(def(factor, 30), tmp.resolve("resumed"));
    assertEquals(straight.keySet(), resumed.keySet());
    for (var e : straight.entrySet()) {
      assertArrayEquals(e.getValue(), resumed.get(e.getKey()), e.getKey());
    }
    assertTrue(straight.keySet().stream().anyMatch(k -> k.startsWith("discriminator.")));
  }

  @Test
  void theDiscriminatorsTermsAreReported() {
    try (Trainer t =
        Trainer.builder(def("factor_vae { gamma: 10 discriminator_hidden: [16] }", 10))
            .setTrainingData(DATA)
            .build()) {
      var r = t.fit();
      for (String m : new String[] {"tc", "discriminator_loss", "discriminator_accuracy"}) {
        assertTrue(Double.isFinite(r.metrics().get(m)), m + " " + r.metrics());
      }
      double accuracy = r.metrics().get("discriminator_accuracy");
      assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    }
  }
}
