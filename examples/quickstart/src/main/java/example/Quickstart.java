package example;

import io.tfvae.data.ImageSet;
import io.tfvae.models.Vae;
import io.tfvae.nn.Activation;
import io.tfvae.nn.Conv2d;
import io.tfvae.nn.Dense;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Reshape;
import io.tfvae.nn.Sequential;
import io.tfvae.objectives.Elbo;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * tfvae as a library: a small convolutional VAE on 8 × 8 images, built from the framework's public
 * parts, trained, exported as a SavedModel and reloaded; the reloaded model's negative ELBO must
 * equal the trainer's bit for bit.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    int side = 8;
    int dim = side * side;
    int n = 300;
    Random r = new Random(1);
    byte[] pixels = new byte[n * dim];
    for (int i = 0; i < n; i++) {
      int row = r.nextInt(side); // one bright row per image
      for (int j = 0; j < dim; j++) {
        pixels[i * dim + j] = (byte) (j / side == row ? 220 + r.nextInt(36) : r.nextInt(30));
      }
    }
    ImageSet images = new ImageSet(pixels, null, n, dim);

    Vae.Factory vae =
        Vae.builder()
            .setDataShape(Shape.of(side, side, 1))
            .setLatentDim(2)
            .setEncoder(
                Sequential.builder()
                    .add("image", Reshape.to(side, side, 1))
                    .add(
                        "conv",
                        Conv2d.builder()
                            .setFilters(4)
                            .optStride(2)
                            .optActivation(Activation.ELU)
                            .build())
                    .add("flatten", Reshape.flatten())
                    .add("output", Dense.spec(4, Activation.LINEAR))
                    .build())
            .setDecoder(Mlp.spec(new int[] {32}, dim, Activation.ELU))
            .optObjective(Elbo.builder().optWarmUp(0f, 100).build())
            .build();
    TrainingConfig config =
        TrainingConfig.builder().optBatchSize(20).optSteps(200).optSeed(1).optThreads(2).build();

    Path dir = Files.createTempDirectory("quickstart-");
    Path export = dir.resolve("model");
    float[] x = new float[10 * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (pixels[i] & 0xff) > 127 ? 1f : 0f;
    }
    long[] seed = {3, 4};
    float[] trained;
    try (Trainer t = Trainer.builder(vae, config).setTrainingData(images).build()) {
      t.fit();
      t.export(export);
      trained = t.calls().negativeElbo(x, null, 10, seed)[0];
    }

    float[] reloaded;
    try (SavedModelBundle b = SavedModelBundle.load(export.toString(), "serve");
        TFloat32 xt = TFloat32.tensorOf(Shape.of(10, dim), DataBuffers.of(x, true, false));
        TInt64 st = TInt64.vectorOf(seed);
        Result out = b.function("negative_elbo").call(Map.<String, Tensor>of("x", xt, "seed", st))) {
      TFloat32 nelbo = (TFloat32) out.get("nelbo").orElseThrow();
      reloaded = new float[10];
      nelbo.copyTo(DataBuffers.of(reloaded, false, false));
    }
    double mean = 0;
    for (float v : trained) {
      mean += v / trained.length;
    }
    if (!Arrays.equals(trained, reloaded)) {
      throw new IllegalStateException(
          "the reloaded SavedModel's NELBO differs from the trainer's: "
              + Arrays.toString(reloaded)
              + " vs "
              + Arrays.toString(trained));
    }
    System.out.printf(
        "quickstart: trained %d steps, NELBO %.2f on 10 images; the reloaded SavedModel agrees bit"
            + " for bit%n",
        config.settings().steps(), mean);
  }
}
