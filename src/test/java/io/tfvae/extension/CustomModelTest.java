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
      assertTrue(r.metrics().get("rec") < r.losses()[0], "the Laplace reconstruction term falls");
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
}
