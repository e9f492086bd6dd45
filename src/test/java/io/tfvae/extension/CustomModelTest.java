package io.tfvae.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.config.ModelDefinition;
import io.tfvae.export.ReloadProbe;
import io.tfvae.models.Vae;
import io.tfvae.nn.Activation;
import io.tfvae.nn.Mlp;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/**
 * A model the framework does not have, written here with its public API alone (this package is not
 * the framework's): a VAE with a Laplace likelihood, handed to the trainer as a factory. It trains,
 * exports and reloads in a fresh JVM with no change to the trainer or the exporter.
 */
class CustomModelTest {
  @TempDir Path tmp;

  @Test
  void aVaeWithALaplaceLikelihoodTrainsExportsAndReloadsThroughThePublicApi() throws Exception {
    ModelDefinition def =
        ModelDefinition.parse(
            "name: 'laplace' vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }"
                + " data { binarization: NONE } training { batch_size: 10 steps: 150 seed: 2 threads: 2 log_every: 50 }",
            "laplace");
    Path dir = tmp.resolve("laplace");
    String trainerBits;
    try (Trainer t =
        Trainer.builder(def)
            .setTrainingData(TinyData.images(200, 20, 3))
            .optModel(
                Vae.builder()
                    .setDataShape(Shape.of(20))
                    .setLatentDim(2)
                    .setEncoder(Mlp.spec(new int[] {8}, 4, Activation.ELU))
                    .setDecoder(Mlp.spec(new int[] {8}, 20, Activation.ELU))
                    .optLikelihood(new LaplaceLikelihood(0.1f))
                    .build())
            .build()) {
      TrainingResult r = t.fit();
      assertTrue(Double.isFinite(r.metrics().get("rec")), "a finite Laplace reconstruction term");
      t.export(dir);
      trainerBits = ReloadProbe.bits(t, dir);
    }
    assertEquals(trainerBits, ReloadProbe.inFreshJvm(dir, 20));
    JsonObject manifest =
        JsonParser.parseString(
                Files.readString(dir.resolve("assets.extra/tfvae.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals("laplace", manifest.get("likelihood").getAsString());
  }

  /** log p(x | μ) = −Σ_d (|x_d − μ_d| / b + log 2b): x = (0.2, 0.9), μ = (0.5, 0.5), b = 0.1. */
  @Test
  void theLaplaceLogDensityIsTheFormula() {
    try (io.tfvae.testing.TestSession s = new io.tfvae.testing.TestSession()) {
      float got =
          s.evalF32(
                  new LaplaceLikelihood(0.1f)
                      .logProb(
                          s.tf,
                          s.f32(new float[] {0.2f, 0.9f}, 1, 2),
                          s.f32(new float[] {0.5f, 0.5f}, 1, 2)))[0];
      double want = -(0.3 / 0.1 + 0.4 / 0.1 + 2 * Math.log(0.2));
      assertEquals(want, got, 1e-5);
    }
  }
}
