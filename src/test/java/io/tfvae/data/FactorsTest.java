package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ground-truth factors held as a matrix or computed as a grid, and carried by image subsets. */
class FactorsTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  @Test
  void aGridCountsInMixedRadixWithTheLastFactorFastest() {
    Factors g = Factors.grid(List.of("a", "b", "c"), new int[] {2, 3, 4});
    assertEquals(24, g.count());
    assertEquals(3, g.width());
    // Example 17 = 1·12 + 1·4 + 1: a = 1, b = 1, c = 1; example 11 = 0·12 + 2·4 + 3.
    assertArrayEquals(new int[] {1, 1, 1}, row(g, 17));
    assertArrayEquals(new int[] {0, 2, 3}, row(g, 11));
    for (int i = 0; i < g.count(); i++) {
      assertEquals(i, Factors.gridIndex(new int[] {2, 3, 4}, row(g, i)));
    }
    Factors view = g.rows(new int[] {11, 17}).rows(new int[] {1});
    assertArrayEquals(new int[] {1, 1, 1}, row(view, 0));
  }

  @Test
  void aMatrixIsCheckedAndViewedByRows() {
    Factors m = Factors.of(List.of("a", "b"), new int[] {2, 3}, new int[] {0, 2, 1, 0, 1, 1});
    assertEquals(3, m.count());
    assertArrayEquals(new int[] {1, 0}, row(m, 1));
    assertArrayEquals(new int[] {1, 1}, row(m.rows(new int[] {2, 0}), 0));
    assertEquals(
        "factors: example 1, factor b is 3, expected 0..2",
        assertThrows(
                IllegalArgumentException.class,
                () -> Factors.of(List.of("a", "b"), new int[] {2, 3}, new int[] {0, 2, 1, 3}))
            .getMessage());
    assertEquals(
        "factors: expected a multiple of 2 values (N × K), got 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> Factors.of(List.of("a", "b"), new int[] {2, 3}, new int[] {0, 2, 1}))
            .getMessage());
  }

  @Test
  void imageSubsetsKeepTheirExamplesFactors() {
    ImageSet images =
        new ImageSet(new byte[] {10, 11, 12, 13}, null, 4, 1)
            .withFactors(Factors.of(List.of("f"), new int[] {9}, new int[] {5, 6, 7, 8}));
    assertTrue(images.hasFactors());
    ImageSet view = images.rows(new int[] {3, 1}).tail(1);
    assertArrayEquals(new byte[] {11}, view.pixels());
    assertEquals(6, view.factor(0, 0));
    assertEquals(8, images.head(4).without(new int[] {0, 1, 2}).factor(0, 0));
    assertEquals(7, images.withLabels(new byte[] {0, 0, 0, 0}).factor(2, 0));
    assertFalse(new ImageSet(new byte[] {1}, null, 1, 1).hasFactors());
    assertEquals(
        "these examples have no ground-truth factors; check hasFactors() first",
        assertThrows(
                IllegalStateException.class,
                () -> new ImageSet(new byte[] {1}, null, 1, 1).factors())
            .getMessage());
    assertEquals(
        "factors: expected 4 rows, got 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> images.withFactors(Factors.of(List.of("f"), new int[] {2}, new int[] {1})))
            .getMessage());
  }

  @Test
  void factorsAreReadFromAnNpyFileOfIntegers() throws Exception {
    // [3, 2] int64, little-endian: rows (0, 4), (2, 1), (1, 0).
    long[] v = {0, 4, 2, 1, 1, 0};
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(v);
    java.nio.file.Path i8 =
        io.tfvae.testing.NpyFiles.write(
            tmp.resolve("f.npy"), "<i8", false, new int[] {3, 2}, b.array());
    Factors f = Factors.readNpy(i8, List.of("shape", "x"));
    assertEquals(List.of("shape", "x"), f.names());
    assertArrayEquals(new int[] {3, 5}, f.sizes(), "one more than each column's largest value");
    assertArrayEquals(new int[] {2, 1}, row(f, 1));

    java.nio.file.Path u1 =
        io.tfvae.testing.NpyFiles.uint8(
            tmp.resolve("u.npy"), new int[] {2, 1}, new byte[] {(byte) 200, 3});
    Factors g = Factors.readNpy(u1, null);
    assertEquals(List.of("factor_0"), g.names());
    assertArrayEquals(new int[] {201}, g.sizes());
    assertEquals(200, g.factor(0, 0));

    assertEquals(
        u1 + ": 1 factor columns, but 2 names: [a, b]",
        assertThrows(DataException.class, () -> Factors.readNpy(u1, List.of("a", "b")))
            .getMessage());
    java.nio.file.Path flat =
        io.tfvae.testing.NpyFiles.uint8(tmp.resolve("flat.npy"), new int[] {2}, new byte[2]);
    assertEquals(
        flat
            + ": factors must be an [N, K] array of integers (uint8, int8, int32 or int64), got [2]",
        assertThrows(DataException.class, () -> Factors.readNpy(flat, null)).getMessage());
    java.nio.file.Path negative =
        io.tfvae.testing.NpyFiles.write(
            tmp.resolve("n.npy"), "|i1", false, new int[] {1, 2}, new byte[] {0, -1});
    assertEquals(
        negative + ": example 0, factor 1 is -1, expected a value index 0, 1, ...",
        assertThrows(DataException.class, () -> Factors.readNpy(negative, null)).getMessage());
  }

  private static int[] row(Factors f, int i) {
    int[] v = new int[f.width()];
    for (int k = 0; k < v.length; k++) {
      v[k] = f.factor(i, k);
    }
    return v;
  }
}
