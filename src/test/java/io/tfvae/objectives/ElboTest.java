package io.tfvae.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.TestSession;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The objectives' losses against the formulas, on terms of two examples and three dimensions. */
class ElboTest {
  private static final float[] REC = {80f, 100f};
  // KL per dimension of example 0 and 1; the per-example KL is the row sum (3.2 and 0.3).
  private static final float[] KL_DIM = {3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
  private static final float[] NIWAE_5 = {78f, 97f};

  private static StepRecord terms(TestSession s, boolean perDimension) {
    Ops tf = s.tf;
    return new StepRecord() {
      @Override
      public Operand<TFloat32> nelbo() {
        return tf.math.add(rec(), kl());
      }

      @Override
      public Operand<TFloat32> rec() {
        return s.f32(REC, 2);
      }

      @Override
      public java.util.Map<String, Operand<TFloat32>> namedLosses() {
        return java.util.Map.of("cross_entropy", tf.constant(0.5f));
      }

      @Override
      public Operand<TFloat32> kl() {
        return tf.reduceSum(s.f32(KL_DIM, 2, 3), tf.constant(1));
      }

      @Override
      public Optional<Operand<TFloat32>> klPerDimension() {
        return perDimension ? Optional.of(s.f32(KL_DIM, 2, 3)) : Optional.empty();
      }

      @Override
      public Operand<TFloat32> negativeIwae(int k) {
        assertEquals(5, k);
        return s.f32(NIWAE_5, 2);
      }
    };
  }

  private static float loss(Objective o, long step, boolean perDimension) {
    try (TestSession s = new TestSession()) {
      return s.evalF32(o.loss(s.tf, terms(s, perDimension), s.tf.constant(step)).loss())[0];
    }
  }

  @Test
  void theElboIsTheBatchMeanOfRecPlusBetaKl() {
    // mean(80 + 3.2, 100 + 0.3) = 91.75; with beta 0.5: mean(81.6, 100.15) = 90.875.
    assertEquals(91.75f, loss(Elbo.standard(), 0, false), 1e-4);
    assertEquals(90.875f, loss(Elbo.builder().optBeta(0.5f).build(), 7, false), 1e-4);
  }

  @Test
  void warmUpRaisesBetaLinearlyThenHoldsIt() {
    Elbo warm = Elbo.builder().optBeta(1f).optWarmUp(0.2f, 100).build();
    long[] steps = {0, 50, 100, 1000};
    double[] betas = {0.2, 0.6, 1.0, 1.0};
    for (int i = 0; i < steps.length; i++) {
      double expected = 90 + betas[i] * (3.2 + 0.3) / 2;
      assertEquals(expected, loss(warm, steps[i], false), 1e-4, "step " + steps[i]);
    }
    try (TestSession s = new TestSession()) {
      var v = warm.loss(s.tf, terms(s, false), s.tf.constant(50L));
      assertEquals(0.6f, s.evalF32(v.metrics().get("beta"))[0], 1e-6, "the beta in force");
    }
  }

  @Test
  void freeBitsFloorTheBatchMeanKlOfEachDimension() {
    // Batch means per dimension: 1.55, 0.1, 0.1; floored at 0.5: 1.55 + 0.5 + 0.5 = 2.55.
    Elbo perDim = Elbo.builder().optFreeBits(0.5f, Elbo.FreeBitsGroups.PER_DIMENSION).build();
    assertEquals(90 + 2.55, loss(perDim, 0, true), 1e-4);
    // The whole code: max(0.5, mean(3.2, 0.3) = 1.75) = 1.75; at lambda 2: 2.
    Elbo total = Elbo.builder().optFreeBits(0.5f, Elbo.FreeBitsGroups.TOTAL).build();
    assertEquals(90 + 1.75, loss(total, 0, false), 1e-4);
    Elbo high = Elbo.builder().optFreeBits(2f, Elbo.FreeBitsGroups.TOTAL).build();
    assertEquals(92f, loss(high, 0, false), 1e-4);
  }

  @Test
  void freeBitsPerDimensionNeedAClosedFormPerDimension() {
    Elbo perDim = Elbo.builder().optFreeBits(0.5f, Elbo.FreeBitsGroups.PER_DIMENSION).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loss(perDim, 0, false));
    assertEquals(
        "free bits per dimension: this model's prior and posterior have no closed-form KL per"
            + " latent dimension; use groups TOTAL",
        e.getMessage());
  }

  @Test
  void theIwaeObjectiveIsTheBatchMeanOfTheNegativeBound() {
    assertEquals(87.5f, loss(Iwae.withSamples(5), 0, false), 1e-4);
    assertThrows(IllegalArgumentException.class, () -> Iwae.withSamples(0));
  }

  @Test
  void settingsOutOfRangeAreRefusedWhenBuilt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Elbo.builder().optBeta(-1f).build());
    assertEquals("beta: expected a finite number >= 0, got -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Elbo.builder().optWarmUp(0f, 0));
    assertEquals(
        "elbo, beta 1.0, warm-up from 0.0 over 10 steps, free bits 0.25 nats per dimension",
        Elbo.builder()
            .optWarmUp(0f, 10)
            .optFreeBits(0.25f, Elbo.FreeBitsGroups.PER_DIMENSION)
            .build()
            .describe());
  }

  @Test
  void aWeightedSumAddsTheModelsAuxiliaryLossToTheGenerativeObjective() {
    // 2 x 91.75 + 100 x 0.5; with no generative part, 100 x 0.5 alone.
    assertEquals(
        233.5f, loss(WeightedSum.of(Elbo.standard(), 2f, "cross_entropy", 100f), 0, false), 1e-3);
    assertEquals(50f, loss(WeightedSum.of(null, 0f, "cross_entropy", 100f), 0, false), 1e-5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> loss(WeightedSum.of(Elbo.standard(), 1f, "accuracy", 1f), 0, false));
    assertEquals(
        "weighted sum: the model offers no auxiliary loss 'accuracy'; it offers [cross_entropy]",
        e.getMessage());
  }
}
