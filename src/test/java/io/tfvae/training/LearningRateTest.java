package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.config.LearningRateSchedule;
import io.tfvae.testing.TestSession;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class LearningRateTest {
  private static final long[] STEPS = {0, 1, 999, 1000, 1001, 12_345, 250_000, 10_000_000};

  /** The graph's step size equals lr_0 * rate^(t / every), floored, computed here in double. */
  @Test
  void graphScheduleMatchesTheFormula() {
    check(new LearningRateSchedule(1e-3f, true, 0.5f, 1000, false, 0f));
    check(new LearningRateSchedule(1e-3f, true, 0.5f, 1000, true, 0f));
    check(new LearningRateSchedule(3e-3f, true, 0.1f, 7000, false, 1e-5f));
    check(LearningRateSchedule.constant(1e-3f));
    check(LearningRateSchedule.cosine(2e-3f, 1e-5f, 250_000, 0));
    check(LearningRateSchedule.cosine(2e-3f, 0f, 1000, 300));
    check(new LearningRateSchedule(1e-3f, true, 0.5f, 1000, true, 0f, 0, 5000));
    check(new LearningRateSchedule(1e-3f, false, 1f, 1, false, 0f, 0, 1000));
  }

  /**
   * Cosine decay (Loshchilov and Hutter 2017, one half period, no restarts) and linear warm-up, by
   * hand: lr(t) = min + (lr_0 − min)(1 + cos(π t/T))/2, times min(1, (t + 1)/W).
   */
  @Test
  void cosineAndWarmUpByHand() {
    var cosine = LearningRateSchedule.cosine(2e-3f, 0f, 1000, 0);
    assertEquals((double) 2e-3f, cosine.at(0), 1e-15);
    assertEquals((double) 1e-3f, cosine.at(500), 1e-12, "half-way: half the step size");
    assertEquals(0, cosine.at(1000), 1e-15);
    assertEquals(0, cosine.at(5000), 1e-15, "it stays at the end");
    var warm = new LearningRateSchedule(1e-3f, false, 1f, 1, false, 0f, 0, 100);
    assertEquals((double) 1e-3f / 100, warm.at(0), 1e-15, "the first step takes 1/W");
    assertEquals((double) 1e-3f / 2, warm.at(49), 1e-15);
    assertEquals((double) 1e-3f, warm.at(99), 1e-15);
    assertEquals((double) 1e-3f, warm.at(10_000), 1e-15);
  }

  @Test
  void formulaByHand() {
    var smooth = new LearningRateSchedule(1e-3f, true, 0.5f, 1000, false, 0f);
    assertEquals((double) 1e-3f, smooth.at(0));
    assertEquals((double) 1e-3f * 0.5, smooth.at(1000), 1e-15);
    assertEquals((double) 1e-3f * Math.pow(0.5, 1.5), smooth.at(1500), 1e-15);
    var stairs = new LearningRateSchedule(1e-3f, true, 0.5f, 1000, true, 0f);
    assertEquals((double) 1e-3f * 0.5, stairs.at(1999), 1e-15);
    var floored = new LearningRateSchedule(1e-3f, true, 0.5f, 1000, false, 1e-4f);
    assertEquals((double) 1e-4f, floored.at(100_000));
  }

  private static void check(LearningRateSchedule schedule) {
    try (TestSession s = new TestSession()) {
      var step = s.tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      var lr = TrainingStep.learningRate(s.tf, schedule, step);
      for (long t : STEPS) {
        try (TInt64 st = TInt64.scalarOf(t);
            Result r = s.session().runner().feed(step, st).fetch(lr).run()) {
          float got = ((TFloat32) r.get(0)).getFloat();
          assertEquals((float) schedule.at(t), got, 0f, schedule + " at step " + t);
        }
      }
    }
  }
}
