package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.data.Mnist;
import io.tfvae.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Short training of the reference VAE on the real MNIST files ({@link SharedData}). */
class RealMnistTest {
  @Test
  void referenceVaeLearnsOnRealMnist() {
    Path dir = SharedData.mnistDir();
    ImageSet train = Mnist.train(dir);
    ImageSet test = Mnist.test(dir);
    assertEquals(60000, train.count());
    assertEquals(10000, test.count());
    assertEquals(784, train.dim());
    ModelDefinition def =
        ModelDefinition.preset("vae")
            .withOverride("training.steps", "400")
            .withOverride("training.log_every", "100");
    try (Trainer t = Trainer.builder(def).setTrainingData(train).build()) {
      TrainingResult r = t.fit();
      // At initialisation the NELBO is about 543 nats (784 log 2 plus the KL); after 400 steps
      // of Adam at 1e-3 it is well under 160 (measured here: about 140).
      assertTrue(r.losses()[0] > 500, "initial loss " + r.losses()[0]);
      assertTrue(r.nelbo() < 160, "nelbo after 400 steps " + r.nelbo());
      float[] x = Binarization.fixed(test.head(500), 0);
      float[][] v = t.calls().negativeElbo(x, null, 500, new long[] {0, 0});
      double mean = 0;
      for (float f : v[0]) {
        mean += f / 500;
      }
      assertTrue(mean < 170, "test nelbo " + mean);
    }
  }

  @Test
  void theCs236LabelledImagesAreTenOfEachDigitInRowOrder() {
    ImageSet train = Mnist.train(SharedData.mnistDir());
    ModelDefinition def = ModelDefinition.preset("ssvae-cs236");
    var indices = def.proto().getSsvae().getLabelled().getExplicit().getIndicesList();
    assertEquals(100, indices.size());
    for (int k = 0; k < indices.size(); k++) {
      // One row of ten per digit, 0 to 9: each index must name an image of that digit.
      assertEquals(
          k / 10, train.label(indices.get(k)), "labelled_indices[" + k + "] = " + indices.get(k));
    }
    assertEquals(
        99, indices.stream().distinct().count(), "the homework's row for 4 names one image twice");
  }
}
