package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.ModelDefinitionException;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.Bernoullis;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.Gaussians;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import io.tfvae.util.TfvaeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class SsvaeTest {
  private static final int D = 12;
  private static final int B = 5;
  private static final int C = 10;
  private static final ModelDefinition DEF =
      ModelDefinition.parse(
          "ssvae { latent_dim: 3 classes: 10 classifier { hidden: 8 activation: RELU }"
              + " encoder { hidden: 8 } decoder { hidden: 8 }"
              + " labelled { seeded { per_class: 2 } } gen_weight: 1 class_weight: 100 }"
              + " training { batch_size: 10 steps: 60 seed: 2 threads: 2 log_every: 20 }",
          "ss");

  /**
   * The label-summed negative ELBO against an explicit loop over the labels with the same noise:
   * KL(q(y|x) || U) + sum_c q(c|x) [KL(q(z|x,c) || N(0,I)) - log p(x | z_c, c)], z_c from rows
   * c*B..c*B+B-1 of the one [C*B, Z] noise draw.
   */
  @Test
  void labelSummedElboEqualsAnExplicitLoopOverTheTenLabels() {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Ssvae m = new Ssvae(DEF.proto().getSsvae(), D, Parameters.initialized(tf, 3));
      Operand<TFloat32> x =
          s.f32(
              java.util.Arrays.copyOf(Binarization.fixed(TinyData.images(B, D, 1), 0), B * D),
              B,
              D);
      Operand<TInt64> seed = tf.constant(new long[] {6, 7});
      NegativeElbo summed = m.negativeElbo(tf, x, seed);

      Operand<TFloat32> logQy = tf.nn.logSoftmax(m.classifier().logits(tf, x));
      Operand<TFloat32> eps =
          tf.random.statelessRandomNormal(tf.constant(new int[] {C * B, 3}), seed);
      List<Operand<TFloat32>> perLabel = new ArrayList<>();
      for (int c = 0; c < C; c++) {
        float[] onehot = new float[B * C];
        for (int b = 0; b < B; b++) {
          onehot[b * C + c] = 1f;
        }
        Operand<TFloat32> y = s.f32(onehot, B, C);
        DiagonalGaussian q = (DiagonalGaussian) m.vae().encode(tf, x, y);
        Operand<TFloat32> epsC =
            tf.slice(eps, tf.constant(new int[] {c * B, 0}), tf.constant(new int[] {B, 3}));
        Operand<TFloat32> z = q.sample(tf, epsC);
        Operand<TFloat32> rec =
            tf.math.neg(Bernoullis.logBernoulliWithLogits(tf, x, m.vae().decode(tf, z, y)));
        Operand<TFloat32> klZ = Gaussians.klStdNormal(tf, q.mean(), q.variance());
        Operand<TFloat32> qc =
            tf.math.exp(
                tf.squeeze(
                    tf.slice(logQy, tf.constant(new int[] {0, c}), tf.constant(new int[] {B, 1})),
                    org.tensorflow.op.core.Squeeze.axis(1L)));
        perLabel.add(tf.math.mul(qc, tf.math.add(rec, klZ)));
      }
      Operand<TFloat32> klY =
          tf.reduceSum(
              tf.math.mul(tf.math.exp(logQy), tf.math.add(logQy, tf.constant((float) Math.log(C)))),
              tf.constant(1));
      Operand<TFloat32> explicit =
          tf.math.add(klY, tf.reduceSum(tf.stack(perLabel), tf.constant(0)));
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(summed.nelbo(), explicit, summed.kl(), klY));
      for (int b = 0; b < B; b++) {
        assertEquals(v.get(1)[b], v.get(0)[b], 1e-4 * Math.abs(v.get(1)[b]), "image " + b);
        assertTrue(v.get(3)[b] >= -1e-6, "KL(q(y|x) || uniform) >= 0");
        assertTrue(
            v.get(2)[b] >= v.get(3)[b] - 1e-5, "the KL term includes KL_y and a non-negative KL_z");
      }
    }
  }

  @Test
  void labelledImagesAreAFixedNumberPerClassChosenBySeed() {
    ImageSet data = TinyData.images(300, D, 4);
    int[] a = Ssvae.seededLabelledIndices(data, 3, C, 0);
    assertArrayEquals(a, Ssvae.seededLabelledIndices(data, 3, C, 0), "deterministic");
    assertFalse(
        java.util.Arrays.equals(a, Ssvae.seededLabelledIndices(data, 3, C, 1)),
        "another seed, another choice");
    int[] perClass = new int[C];
    for (int i : a) {
      perClass[data.label(i)]++;
    }
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, perClass);
    TfvaeException e =
        assertThrows(TfvaeException.class, () -> Ssvae.seededLabelledIndices(data, 100, C, 0));
    assertTrue(
        e.getMessage()
            .startsWith(
                "ssvae.labelled.seeded.per_class: the training set has fewer than 100 images of some class"),
        e.getMessage());
  }

  @Test
  void theSplitTrainsOnEveryOtherImageWithoutLabelsAndKeepsTheLabelledOnesOut() {
    ImageSet data = TinyData.images(50, D, 4);
    try (TestSession s = new TestSession()) {
      Ssvae m =
          new Ssvae(
              DEF.withOverride("ssvae.labelled", "explicit { indices: [3, 40, 3, 0] }")
                  .proto()
                  .getSsvae(),
              D,
              Parameters.initialized(s.tf, 1));
      TrainingData td = m.prepare(data);
      assertArrayEquals(new int[] {0, 3, 3, 40}, m.labelledIndices());
      assertFalse(td.feedLabels(), "the unlabelled part is trained without labels");
      assertFalse(td.images().hasLabels());
      assertEquals(47, td.images().count(), "50 images less the 3 distinct labelled ones");
      // Image k of the rest is image k of the data with 0, 3 and 40 skipped, pixel for pixel.
      int[] kept =
          java.util.stream.IntStream.range(0, 50)
              .filter(i -> i != 0 && i != 3 && i != 40)
              .toArray();
      for (int k = 0; k < kept.length; k++) {
        assertArrayEquals(
            java.util.Arrays.copyOfRange(data.pixels(), kept[k] * D, kept[k] * D + D),
            java.util.Arrays.copyOfRange(td.images().pixels(), k * D, k * D + D),
            "image " + k);
      }
    }
  }

  @Test
  void anExplicitLabelledSetReplacesTheSeededChoiceAndIsCheckedAgainstTheData() {
    ImageSet data = TinyData.images(300, D, 4);
    try (Trainer t =
        Trainer.builder(DEF.withOverride("ssvae.labelled.explicit.indices", "42,7,199,7"))
            .setTrainingData(data)
            .build()) {
      assertArrayEquals(
          new int[] {7, 7, 42, 199},
          ((Ssvae) t.model()).labelledIndices(),
          "exactly the given images, sorted, a repeat kept");
      t.fit();
    }
    TfvaeException e =
        assertThrows(
            TfvaeException.class,
            () ->
                Trainer.builder(DEF.withOverride("ssvae.labelled.explicit.indices", "5,300"))
                    .setTrainingData(data)
                    .build());
    assertEquals(
        "ssvae.labelled.explicit.indices: expected indices below 300 (the training set size), got 300",
        e.getMessage());
  }

  @Test
  void theLossIsGenWeightTimesTheNelboPlusClassWeightTimesTheCrossEntropy() {
    // One step, reported alone: the loss must be assembled from exactly the reported terms.
    ImageSet data = TinyData.images(300, D, 4);
    for (String weights : new String[] {"1,100", "0.5,3"}) {
      float gen = Float.parseFloat(weights.split(",")[0]);
      float cls = Float.parseFloat(weights.split(",")[1]);
      ModelDefinition def =
          DEF.withOverride("ssvae.gen_weight", String.valueOf(gen))
              .withOverride("ssvae.class_weight", String.valueOf(cls))
              .withOverride("training.steps", "1")
              .withOverride("training.log_every", "1");
      try (Trainer t = Trainer.builder(def).setTrainingData(data).build()) {
        var r = t.fit();
        double want = gen * r.metrics().get("nelbo") + cls * r.metrics().get("cross_entropy");
        assertEquals(want, r.losses()[0], 1e-4 * Math.abs(want), weights);
        assertTrue(
            r.metrics().get("cross_entropy") > 0, "a cross-entropy of 10 classes at the start");
      }
    }
  }

  @Test
  void trainsOnTheRestWithoutLabelsAndClassifies() {
    ImageSet data = TinyData.images(300, D, 4);
    try (Trainer t = Trainer.builder(DEF).setTrainingData(data).build()) {
      assertEquals(20, ((Ssvae) t.model()).labelledIndices().length);
      assertEquals(List.of("nelbo", "kl", "rec", "cross_entropy"), t.metricNames());
      t.fit();
      float[] p = t.calls().classify(java.util.Arrays.copyOf(Binarization.scaled(data), 3 * D), 3);
      assertEquals(1.0, p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7] + p[8] + p[9], 1e-5);
    }
    ModelDefinition alone =
        DEF.withOverride("ssvae.encoder", "")
            .withOverride("ssvae.decoder", "")
            .withOverride("ssvae.gen_weight", "0");
    try (Trainer t = Trainer.builder(alone).setTrainingData(data).build()) {
      assertEquals(List.of("cross_entropy"), t.metricNames(), "gen_weight 0: the classifier alone");
      assertEquals(java.util.Set.of("classify"), t.calls().keys());
      t.fit();
    }
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class, () -> DEF.withOverride("ssvae.gen_weight", "0"));
    assertEquals(
        "ss (override ssvae.gen_weight=0): ssvae.encoder: not used when ssvae.gen_weight is 0 (the classifier is"
            + " trained alone); remove it (--set ssvae.encoder= clears it)",
        e.getMessage());
  }
}
