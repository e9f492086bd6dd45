package io.tfvae.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tfvae.testing.TestSession;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** FactorVAE's dimension-wise shuffle (Kim and Mnih 2018, Algorithm 2). */
class FactorVaeTest {
  /**
   * Each column is a permutation of its own values, the columns are shuffled independently, and the
   * same key gives the same shuffle.
   */
  @Test
  void eachDimensionIsShuffledOnItsOwn() {
    int b = 50;
    int d = 3;
    float[] z = new float[b * d];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < d; k++) {
        z[i * d + k] = i + 1000f * k; // the row index, per column
      }
    }
    try (TestSession s = new TestSession()) {
      var key = s.tf.constant(new long[] {7, 11});
      float[] once = s.evalF32(FactorVae.shuffleDimensions(s.tf, s.f32(z, b, d), key));
      float[] twice = s.evalF32(FactorVae.shuffleDimensions(s.tf, s.f32(z, b, d), key));
      assertArrayEquals(once, twice, "a function of the key");
      int[][] rows = new int[d][b];
      for (int k = 0; k < d; k++) {
        float[] column = new float[b];
        for (int i = 0; i < b; i++) {
          column[i] = once[i * d + k] - 1000f * k;
          rows[k][i] = (int) column[i];
        }
        float[] sorted = column.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < b; i++) {
          sorted[i] -= i;
        }
        assertArrayEquals(new float[b], sorted, "column " + k + " is a permutation of 0..49");
      }
      assertFalse(Arrays.equals(rows[0], rows[1]), "columns are shuffled independently");
    }
  }
}
