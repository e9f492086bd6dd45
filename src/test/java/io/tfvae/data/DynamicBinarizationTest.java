package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tfvae.models.StepInputs;
import io.tfvae.testing.TestSession;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trainer's host binarization against the graph's Bernoulli draw it replaced. */
class DynamicBinarizationTest {
  /** Pixels as the trainer scales them: byte k becomes k * (1/255), with many 0s and 255s. */
  private static float[] mnistLike(int rows, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[rows * dim];
    for (int i = 0; i < p.length; i++) {
      double u = r.nextDouble();
      int k = u < 0.6 ? 0 : u < 0.75 ? 255 : r.nextInt(256);
      p[i] = k * (1f / 255f);
    }
    return p;
  }

  /** StepInputs.bernoulli, the graph's draw, under key (s0, s1). */
  private static float[] graph(float[] p, int rows, int dim, long s0, long s1) {
    try (TestSession s = new TestSession()) {
      return s.evalF32(
          StepInputs.bernoulli(s.tf, s.f32(p, rows, dim), s.tf.constant(new long[] {s0, s1})));
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 100, 784", "3, 40, 64, 784", "-1, 123457, 7, 33"})
  void wholeBatchEqualsTheGraphsDrawBitForBit(long s0, long s1, int rows, int dim) {
    float[] p = mnistLike(rows, dim, s1);
    float[] expected = graph(p, rows, dim, s0, s1);
    float[] got = p.clone();
    Binarization.dynamic(got, dim, 0, new StatelessUniform(s0, s1));
    assertArrayEquals(expected, got);
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0f || p[i] == 1f) {
        assertEquals(p[i], got[i], "black and white pixels stay as they are");
      }
    }
  }

  /** A worker's rows are those rows of the global batch's draw: the cluster trains like one. */
  @ParameterizedTest
  @CsvSource({"0, 2", "1, 2", "2, 4", "3, 3"})
  void aShardEqualsItsRowsOfTheGlobalDraw(int task, int workers) {
    int rows = 6;
    int dim = 35;
    float[] global = mnistLike(rows * workers, dim, 9);
    float[] expected = graph(global, rows * workers, dim, 5, 14);
    float[] own = Arrays.copyOfRange(global, task * rows * dim, (task + 1) * rows * dim);
    Binarization.dynamic(own, dim, (long) task * rows, new StatelessUniform(5, 14));
    assertArrayEquals(
        Arrays.copyOfRange(expected, task * rows * dim, (task + 1) * rows * dim), own);
  }

  @ParameterizedTest
  @CsvSource({"0, 0, 1", "0, 5, 6", "7, 7, 9"})
  void anotherStepDrawsOtherBits(long seed, long t, long other) {
    float[] p = mnistLike(20, 784, 1);
    float[] a = p.clone();
    float[] b = p.clone();
    Binarization.dynamic(a, 784, 0, new StatelessUniform(seed, 2 * t));
    Binarization.dynamic(b, 784, 0, new StatelessUniform(seed, 2 * other));
    assertFalse(Arrays.equals(a, b));
  }
}
