package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.models.Models;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

class PseudoInputsTest {
  private static final int D = 12;
  private static final int K = 5;
  private static final ImageSet IMAGES = TinyData.images(40, D, 7);

  private static ModelDefinition vamp(String init) {
    return ModelDefinition.parse(
        "vae { latent_dim: 3 encoder { hidden: 8 } decoder { hidden: 8 } prior { vamp { components: "
            + K
            + " init: "
            + init
            + " } } }",
        "test");
  }

  /** sigmoid(a_k) of each pseudo-input is one of the training images, clipped; all distinct. */
  @Test
  void pseudoInputsStartAtDistinctTrainingImages() {
    float[][] pixels = new float[IMAGES.count()][D];
    for (int i = 0; i < IMAGES.count(); i++) {
      IMAGES.gatherScaled(new int[] {i}, pixels[i]);
    }
    try (TestSession s = new TestSession()) {
      Models.factory(vamp("TRAINING_IMAGES"), IMAGES).create(Parameters.initialized(s.tf, 3));
      @SuppressWarnings("unchecked")
      Output<TFloat32> a =
          (Output<TFloat32>) (Output<?>) s.graph.operation("prior.pseudo_inputs").output(0);
      s.session().initialize();
      float[] u = s.evalF32(java.util.List.of(s.tf.math.sigmoid(a))).get(0);
      Set<Integer> matched = new HashSet<>();
      for (int k = 0; k < K; k++) {
        int match = -1;
        for (int i = 0; i < pixels.length && match < 0; i++) {
          boolean same = true;
          for (int j = 0; j < D && same; j++) {
            float clipped = Math.min(Math.max(pixels[i][j], 0.05f), 0.95f);
            same = Math.abs(u[k * D + j] - clipped) < 1e-6;
          }
          match = same ? i : -1;
        }
        assertTrue(match >= 0, "pseudo-input " + k + " is a training image");
        matched.add(match);
      }
      assertEquals(K, matched.size(), "distinct images");
    }
  }

  @Test
  void choiceDependsOnTheSeed() {
    int[] a = PseudoInputs.distinct(1000, 10, new SplittableRandom(1));
    int[] b = PseudoInputs.distinct(1000, 10, new SplittableRandom(2));
    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    assertEquals(10, java.util.Arrays.stream(a).distinct().count());
  }

  /** Export graphs restore the variable and never need the images. */
  @Test
  void restoredGraphNeedsNoImagesButTrainingDoes() {
    try (TestSession s = new TestSession()) {
      Models.factory(vamp("TRAINING_IMAGES"), D).create(Parameters.restored(s.tf));
    }
    try (TestSession s = new TestSession()) {
      var e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  Models.factory(vamp("TRAINING_IMAGES"), D)
                      .create(Parameters.initialized(s.tf, 3)));
      assertTrue(e.getMessage().startsWith("vae.prior.vamp.init: TRAINING_IMAGES needs"));
    }
  }
}
