package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Dsprites;
import io.tfvae.tools.CliTest.Run;
import io.tfvae.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfvae disentanglement} on a small model trained on generated dSprites: the five metrics in
 * strict JSON, the same digits twice, the MI matrix drawn; a model without ground-truth factors is
 * refused in one line.
 */
class DisentanglementCommandTest {
  @TempDir Path tmp;

  @Test
  void theMetricsOfADspritesModelRepeatToTheLastDigit() throws Exception {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 3 encoder { hidden: 8 } decoder { hidden: 8 } }"
                + " training { batch_size: 16 steps: 10 seed: 1 threads: 1 }"
                + " data { dataset: DSPRITES binarization: NONE }",
            "dsprites");
    Path model = tmp.resolve("model");
    try (Trainer t = Trainer.builder(def).setTrainingData(Dsprites.sample(400, 0)).build()) {
      t.fit();
      t.export(model);
    }
    Path png = tmp.resolve("mi.png");
    String[] args = {
      "disentanglement", model.toString(), "--points", "60", "--json", "--out", png.toString()
    };
    Run first = CliTest.run(args);
    Run second = CliTest.run(args);
    assertEquals(0, first.code(), first.err());
    assertEquals(
        first.out().replaceAll("\"seconds\": [0-9.]+", ""),
        second.out().replaceAll("\"seconds\": [0-9.]+", ""));
    JsonReader strict = new JsonReader(new StringReader(first.out()));
    strict.setStrictness(Strictness.STRICT);
    JsonObject o = JsonParser.parseReader(strict).getAsJsonObject();
    for (String metric :
        new String[] {
          "beta_vae_score",
          "factor_vae_score",
          "mig",
          "dci_disentanglement",
          "dci_completeness",
          "dci_informativeness",
          "sap"
        }) {
      double v = o.get(metric).getAsDouble();
      assertTrue(v >= 0 && v <= 1, metric + " " + v);
    }
    assertEquals(3, o.getAsJsonArray("mutual_information").size(), "a row per code");
    assertEquals(5, o.getAsJsonArray("factors").size());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(5 * 25 + 1, img.getWidth());
    assertEquals(3 * 25 + 1, img.getHeight());
  }

  @Test
  void aModelWithoutGroundTruthFactorsIsRefused() {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2 encoder { hidden: 4 } decoder { hidden: 4 } }"
                + " training { batch_size: 10 steps: 2 threads: 1 }",
            "mnist-like");
    Path model = tmp.resolve("mnist-like");
    try (Trainer t =
        Trainer.builder(def)
            .setTrainingData(io.tfvae.testing.TinyData.images(50, 784, 1))
            .build()) {
      t.fit();
      t.export(model);
    }
    Run r = CliTest.run("disentanglement", model.toString(), "--points", "10");
    CliTest.assertOneLineError(r, "tfvae disentanglement: error: ");
    assertTrue(
        r.err().contains("trained on mnist, and its test examples have no ground-truth factors"),
        r.err());
  }
}
