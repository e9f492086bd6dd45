package io.tfvae.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.data.Mnist;
import io.tfvae.models.Vae;
import io.tfvae.nn.Activation;
import io.tfvae.nn.Dense;
import io.tfvae.nn.GroupedFlatten;
import io.tfvae.nn.Reshape;
import io.tfvae.nn.Sequential;
import io.tfvae.nn.Upsample2d;
import io.tfvae.testing.IdxFiles;
import io.tfvae.testing.TinyData;
import io.tfvae.tools.TfvaeCli;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingConfig;
import io.tfvae.training.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/**
 * A user's own convolutional VAE, from outside the framework's packages and with public types only:
 * the encoder block ({@link SmallConvEncoder}), the objective ({@link LinearWarmUp}) and the prior
 * ({@link LearnedGaussianPrior}) are this package's classes; no definition text and no generated
 * protobuf class. It trains, exports, and the tool evaluates and samples it without {@code
 * --trust}.
 */
class OwnPartsConvVaeTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run tool(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TfvaeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aConvVaeOfTheUsersOwnPartsTrainsExportsAndRunsInTheTool() throws Exception {
    Path data =
        IdxFiles.writeMnist(
            tmp.resolve("mnist"), TinyData.bands(200, 784, 1), TinyData.bands(20, 784, 2));
    int latent = 4;
    var decoder =
        Sequential.builder()
            .add("input", Dense.spec(7 * 7 * 8, Activation.ELU))
            .add("reshape", Reshape.to(7, 7, 8))
            .add("up_0", Upsample2d.builder().setFilters(8).optActivation(Activation.ELU).build())
            .add("up_1", Upsample2d.builder().setFilters(1).build())
            .add("logits", GroupedFlatten.spec(1))
            .build();
    Vae.Factory vae =
        Vae.builder()
            .optKind("my-conv-vae")
            .setDataShape(Shape.of(28, 28, 1))
            .setLatentDim(latent)
            .setEncoder(new SmallConvEncoder(2 * latent))
            .setDecoder(decoder)
            .optPrior(LearnedGaussianPrior.factory())
            .optObjective(new LinearWarmUp(30))
            .build();
    TrainingConfig config =
        TrainingConfig.builder()
            .optName("my-conv-vae")
            .optDataset("mnist")
            .optBatchSize(20)
            .optSteps(60)
            .optSeed(4)
            .optThreads(2)
            .optCheckpoints(0, 20, 1)
            .build();
    Path export = tmp.resolve("export");
    try (Trainer t = Trainer.builder(vae, config).setTrainingData(Mnist.train(data)).build()) {
      TrainingResult r = t.fit();
      assertEquals(60, r.lastStep());
      assertEquals(1.0, r.metrics().get("beta"), 1e-6, "the warm-up has ended at step 60");
      t.export(export);
    }
    JsonObject manifest =
        JsonParser.parseString(
                Files.readString(export.resolve("assets.extra/tfvae.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertFalse(manifest.has("model_definition"), "no definition was used");
    String description = manifest.get("model_description").toString();
    assertTrue(description.contains("prior: learned diagonal Gaussian"), description);
    assertTrue(description.contains("objective: linear KL warm-up over 30 steps"), description);

    Run eval = tool("eval", export.toString(), "--data-dir", data.toString(), "--iw", "1,10");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("-IWAE-10"), eval.out());
    Run sample =
        tool(
            "sample",
            export.toString(),
            "--out",
            tmp.resolve("s.png").toString(),
            "--rows",
            "2",
            "--cols",
            "4");
    assertEquals(0, sample.code(), sample.err());
    assertTrue(Files.size(tmp.resolve("s.png")) > 0);
    Run inspect = tool("inspect", export.toString());
    assertEquals(0, inspect.code(), inspect.err());
    assertTrue(inspect.out().contains("ops: all on the allow-list"), inspect.out());
    assertTrue(
        inspect.out().contains("encoder: small conv encoder with average pooling [784] -> [8]"),
        inspect.out());
    assertTrue(
        inspect.out().contains("decoder.up_0: upsample2d x2 transposed 3x3, 8 filters, elu"),
        inspect.out());
  }
}
