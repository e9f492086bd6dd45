package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochOrderTest {
  @Test
  void eachEpochVisitsEveryExampleOnceAtMost() {
    EpochOrder o = new EpochOrder(103, 10, 9); // 10 batches, 3 examples left out per epoch
    assertEquals(10, o.batchesPerEpoch());
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = new int[103];
      int[] b = new int[10];
      for (int k = 0; k < 10; k++) {
        o.batch(epoch * 10L + k, b);
        for (int i : b) {
          seen[i]++;
        }
      }
      assertEquals(100, Arrays.stream(seen).sum());
      assertEquals(1, Arrays.stream(seen).max().getAsInt(), "without replacement");
    }
  }

  @Test
  void orderIsAFunctionOfSeedAndStepAndEpochsDiffer() {
    int[] a = new int[10], b = new int[10], c = new int[10];
    new EpochOrder(100, 10, 1).batch(57, a);
    EpochOrder fresh = new EpochOrder(100, 10, 1);
    fresh.batch(3, c); // touch another epoch first
    fresh.batch(57, b);
    assertArrayEquals(a, b, "a resumed run sees the same batch");
    new EpochOrder(100, 10, 1).batch(7, b);
    assertFalse(Arrays.equals(a, b), "epoch 5 and epoch 0 are shuffled differently");
    new EpochOrder(100, 10, 2).batch(57, b);
    assertFalse(Arrays.equals(a, b), "another seed, another order");
  }

  @Test
  void batchLargerThanDataIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new EpochOrder(5, 10, 0));
    assertEquals("batch size must be in 1..5 for 5 examples, got 10", e.getMessage());
  }
}
