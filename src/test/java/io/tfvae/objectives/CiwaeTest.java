package io.tfvae.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.TestSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** CIWAE's loss is β times the batch's mean NELBO plus 1 − β times its mean −IWAE-k. */
class CiwaeTest {
  @Test
  void theLossWeighsTheMeanNelboAndTheMeanNegativeIwae() {
    float[] niwae = {90f, 100f, 116f};
    try (TestSession s = new TestSession()) {
      GaussianStep step =
          new GaussianStep(
              s,
              3,
              2,
              new float[] {0f, 0.5f, -1f, 0.2f, 0.3f, 0f},
              new float[] {1f, 0.5f, 0.25f, 2f, 1f, 0.1f},
              new float[] {0.1f, 0.4f, -0.8f, 0f, 1f, -0.2f},
              1000) {
            @Override
            public Operand<TFloat32> negativeIwae(int k) {
              assertEquals(16, k);
              return s.f32(niwae, 3);
            }
          };
      float[] nelbo = s.evalF32(List.of(step.nelbo())).get(0);
      double meanNelbo = (nelbo[0] + nelbo[1] + nelbo[2]) / 3.0;
      double meanNiwae = (90.0 + 100.0 + 116.0) / 3.0;
      for (float beta : new float[] {0f, 0.25f, 1f}) {
        ObjectiveValue v = new Ciwae(beta, 16).loss(s.tf, step, s.tf.constant(0L));
        float[] got = s.evalF32(List.of(v.loss(), v.metrics().get("niwae"))).get(0);
        assertEquals(beta * meanNelbo + (1 - beta) * meanNiwae, got[0], 1e-3, "beta " + beta);
      }
    }
  }

  @Test
  void betaOutsideTheUnitIntervalOrNoSamplesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Ciwae(1.5f, 4));
    assertThrows(IllegalArgumentException.class, () -> new Ciwae(0.5f, 0));
  }
}
