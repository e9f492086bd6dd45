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
import io.tfvae.dist.Bernoullis;
import io.tfvae.dist.DiagonalGaussian;
import io.tfvae.dist.Gaussians;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
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
          "kind: SSVAE latent_dim: 3 classes: 10 classifier { hidden: 8 activation: RELU }"
              + " encoder { hidden: 8 } decoder { hidden: 8 }"
              + " semi_supervised { labels_per_class: 2 gen_weight: 1 class_weight: 100 }"
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
      Ssvae m = new Ssvae(DEF, D, Parameters.initialized(tf, 3));
      Operand<TFloat32> x = s.f32(java.util.Arrays.copyOf(Binarization.fixed(TinyData.images(B, D, 1), 0), B * D), B, D);
      Operand<TInt64> seed = tf.constant(new long[] {6, 7});
      NegativeElbo summed = m.negativeElbo(tf, x, seed);

      Operand<TFloat32> logQy = tf.nn.logSoftmax(m.classifier().logits(tf, x));
      Operand<TFloat32> eps = tf.random.statelessRandomNormal(tf.constant(new int[] {C * B, 3}), seed);
      List<Operand<TFloat32>> perLabel = new ArrayList<>();
      for (int c = 0; c < C; c++) {
        float[] onehot = new float[B * C];
        for (int b = 0; b < B; b++) {
          onehot[b * C + c] = 1f;
        }
        Operand<TFloat32> y = s.f32(onehot, B, C);
        DiagonalGaussian q = m.vae().encode(tf, x, y);
        Operand<TFloat32> epsC = tf.slice(eps, tf.constant(new int[] {c * B, 0}), tf.constant(new int[] {B, 3}));
        Operand<TFloat32> z = q.sample(tf, epsC);
        Operand<TFloat32> rec = tf.math.neg(Bernoullis.logBernoulliWithLogits(tf, x, m.vae().decode(tf, z, y)));
        Operand<TFloat32> klZ = Gaussians.klStdNormal(tf, q.mean(), q.variance());
        Operand<TFloat32> qc = tf.math.exp(tf.squeeze(tf.slice(logQy, tf.constant(new int[] {0, c}), tf.constant(new int[] {B, 1})),
            org.tensorflow.op.core.Squeeze.axis(1L)));
        perLabel.add(tf.math.mul(qc, tf.math.add(rec, klZ)));
      }
      Operand<TFloat32> klY = tf.reduceSum(tf.math.mul(tf.math.exp(logQy), tf.math.add(logQy, tf.constant((float) Math.log(C)))), tf.constant(1));
      Operand<TFloat32> explicit = tf.math.add(klY, tf.reduceSum(tf.stack(perLabel), tf.constant(0)));
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(summed.nelbo(), explicit, summed.kl(), klY));
      for (int b = 0; b < B; b++) {
        assertEquals(v.get(1)[b], v.get(0)[b], 1e-4 * Math.abs(v.get(1)[b]), "image " + b);
        assertTrue(v.get(3)[b] >= -1e-6, "KL(q(y|x) || uniform) >= 0");
        assertTrue(v.get(2)[b] >= v.get(3)[b] - 1e-5, "the KL term includes KL_y and a non-negative KL_z");
      }
    }
  }

  @Test
  void labelledImagesAreAFixedNumberPerClassChosenBySeed() {
    ImageSet data = TinyData.images(300, D, 4);
    int[] a = Ssvae.labelledIndices(data, 3, C, 0);
    assertArrayEquals(a, Ssvae.labelledIndices(data, 3, C, 0), "deterministic");
    assertFalse(java.util.Arrays.equals(a, Ssvae.labelledIndices(data, 3, C, 1)), "another seed, another choice");
    int[] perClass = new int[C];
    for (int i : a) {
      perClass[data.label(i)]++;
    }
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, perClass);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ssvae.labelledIndices(data, 100, C, 0));
    assertTrue(e.getMessage().startsWith("the training set has fewer than 100 images of some class"), e.getMessage());
  }

  @Test
  void anExplicitLabelledSetReplacesTheSeededChoiceAndIsCheckedAgainstTheData() {
    ImageSet data = TinyData.images(300, D, 4);
    try (Trainer t =
        Trainer.builder(DEF.withOverride("semi_supervised.labelled_indices", "42,7,199,7")).setTrainingData(data).build()) {
      assertArrayEquals(new int[] {7, 7, 42, 199}, t.labelledIndices(), "exactly the given images, sorted, a repeat kept");
      t.fit();
    }
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class,
            () -> Trainer.builder(DEF.withOverride("semi_supervised.labelled_indices", "5,300")).setTrainingData(data).build());
    assertTrue(
        e.getMessage().endsWith("semi_supervised.labelled_indices: expected indices below 300 (the training set size), got 300"),
        e.getMessage());
  }

  @Test
  void trainsOnTheRestWithoutLabelsAndClassifies() {
    ImageSet data = TinyData.images(300, D, 4);
    try (Trainer t = Trainer.builder(DEF).setTrainingData(data).build()) {
      assertEquals(20, t.labelledIndices().length);
      assertEquals(List.of("nelbo", "kl", "rec", "cross_entropy"), t.metricNames());
      var r = t.fit();
      assertTrue(r.metrics().get("cross_entropy") < r.losses()[0] / 100, "the classifier fits its labelled images");
      float[] p = t.classify(java.util.Arrays.copyOf(Binarization.scaled(data), 3 * D), 3);
      assertEquals(1.0, p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7] + p[8] + p[9], 1e-5);
    }
    try (Trainer t = Trainer.builder(DEF.withOverride("semi_supervised.gen_weight", "0")).setTrainingData(data).build()) {
      assertEquals(List.of("cross_entropy"), t.metricNames(), "gen_weight 0: the classifier alone");
      t.fit();
    }
  }
}
