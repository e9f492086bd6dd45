package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinarizationTest {
  private static ImageSet constant(int value, int count, int dim) {
    byte[] p = new byte[count * dim];
    Arrays.fill(p, (byte) value);
    return new ImageSet(p, null, count, dim);
  }

  @Test
  void followsTheDocumentedRuleExactly() {
    ImageSet s =
        new ImageSet(new byte[] {0, (byte) 255, (byte) 128, 64, 7, (byte) 200}, null, 2, 3);
    float[] got = Binarization.fixed(s, 42);
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 6; i++) {
      assertEquals(r.nextDouble() < (s.pixels()[i] & 0xff) / 255.0 ? 1f : 0f, got[i]);
    }
  }

  @Test
  void blackStaysZeroWhiteStaysOneAndGrayIsBernoulli() {
    for (float v : Binarization.fixed(constant(0, 10, 50), 1)) {
      assertEquals(0f, v);
    }
    for (float v : Binarization.fixed(constant(255, 10, 50), 1)) {
      assertEquals(1f, v);
    }
    // p = 102/255 = 0.4; n = 100000 draws: standard error sqrt(p(1-p)/n) = 0.00155; allow 4.
    float[] gray = Binarization.fixed(constant(102, 1000, 100), 3);
    double mean = 0;
    for (float v : gray) {
      mean += v;
    }
    mean /= gray.length;
    assertEquals(0.4, mean, 4 * Math.sqrt(0.4 * 0.6 / gray.length));
  }

  @Test
  void sameSeedSameBitsOtherSeedOtherBits() {
    ImageSet s = constant(128, 20, 30);
    assertArrayEquals(Binarization.fixed(s, 5), Binarization.fixed(s, 5));
    assertFalse(Arrays.equals(Binarization.fixed(s, 5), Binarization.fixed(s, 6)));
  }
}
