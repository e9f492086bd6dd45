package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class ClassifierTest {
  private static final ModelDefinition DEF =
      ModelDefinition.parse(
          "classifier { classes: 3 network { hidden: 8 activation: RELU } } data { binarization: NONE }"
              + " training { batch_size: 10 steps: 300 seed: 1 threads: 2 log_every: 50 }",
          "cls");

  @Test
  void crossEntropyAndProbabilitiesMatchPlainJava() {
    try (TestSession s = new TestSession()) {
      Classifier c =
          new Classifier(DEF.proto().getClassifier(), 4, Parameters.initialized(s.tf, 2));
      Operand<TFloat32> x = s.f32(new float[] {0.1f, 0.9f, 0.3f, 0.0f, 1f, 0.2f, 0.5f, 0.7f}, 2, 4);
      Operand<TFloat32> y = s.f32(new float[] {0, 1, 0, 0, 0, 1}, 2, 3);
      s.session().initialize();
      List<float[]> v =
          s.evalF32(
              List.of(
                  c.logits(s.tf, x),
                  c.probabilities(s.tf, x),
                  c.crossEntropy(s.tf, x, y),
                  c.correct(s.tf, x, y)));
      for (int r = 0; r < 2; r++) {
        float[] l = java.util.Arrays.copyOfRange(v.get(0), 3 * r, 3 * r + 3);
        double max = Math.max(l[0], Math.max(l[1], l[2]));
        double z = Math.exp(l[0] - max) + Math.exp(l[1] - max) + Math.exp(l[2] - max);
        int label = r == 0 ? 1 : 2;
        // -log softmax(l)_label = log sum exp(l) - l_label
        assertEquals(max + Math.log(z) - l[label], v.get(2)[r], 1e-5);
        double sum = 0;
        int best = 0;
        for (int k = 0; k < 3; k++) {
          assertEquals(Math.exp(l[k] - max) / z, v.get(1)[3 * r + k], 1e-6);
          sum += v.get(1)[3 * r + k];
          best = l[k] > l[best] ? k : best;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(best == label ? 1f : 0f, v.get(3)[r]);
      }
    }
  }

  @Test
  void trainerLearnsLabelsAndReportsCrossEntropyAndAccuracy() {
    ImageSet data = TinyData.images(300, 12, 4);
    // Relabel into 3 classes that the pixel pattern (cls % 3) determines.
    byte[] labels = new byte[300];
    for (int i = 0; i < 300; i++) {
      labels[i] = (byte) (data.label(i) % 3);
    }
    ImageSet three = new ImageSet(data.pixels(), labels, 300, 12);
    try (Trainer t = Trainer.builder(DEF).setTrainingData(three).build()) {
      TrainingResult r = t.fit();
      assertEquals(List.of("cross_entropy", "accuracy"), t.metricNames());
      assertTrue(r.metrics().get("accuracy") > 0.9, "accuracy " + r.metrics());
      assertTrue(r.metrics().get("cross_entropy") < r.losses()[0], "cross-entropy falls");
      assertTrue(Double.isNaN(r.nelbo()));
      float[] p =
          t.calls()
              .classify(java.util.Arrays.copyOf(io.tfvae.data.Binarization.scaled(three), 24), 2);
      assertEquals(6, p.length);
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
    }
  }
}
