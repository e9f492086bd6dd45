package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.NpyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's factors file: CSV with a header, or .npy; each mistake one message naming the file. */
class FactorFilesTest {
  @TempDir Path tmp;

  @Test
  void aCsvFileNamesItsFactorsAndEachFactorHasOneMoreValueThanItsLargest() throws Exception {
    Path f = tmp.resolve("f.csv");
    Files.writeString(f, "\uFEFFshape, size\n0,3\n2,0\n\n1,1\n");
    Factors factors = FactorFiles.read(f, 3);
    assertEquals(List.of("shape", "size"), factors.names());
    assertArrayEquals(new int[] {3, 4}, factors.sizes());
    assertEquals(2, factors.factor(1, 0));
    assertEquals(1, factors.factor(2, 1));
  }

  @Test
  void anNpyFileHasNumberedFactors() throws Exception {
    Path f = tmp.resolve("f.npy");
    NpyFiles.uint8(f, new int[] {2, 3}, new byte[] {0, 1, 2, 1, 0, 0});
    Factors factors = FactorFiles.read(f, 2);
    assertEquals(List.of("factor_0", "factor_1", "factor_2"), factors.names());
    assertArrayEquals(new int[] {2, 2, 3}, factors.sizes());
  }

  @Test
  void mistakesNameTheFileAndWhatIsWrong() throws Exception {
    Path noHeader = tmp.resolve("a.csv");
    Files.writeString(noHeader, "0,1\n1,0\n");
    assertEquals(
        noHeader + ": line 1 is '0,1', expected a header row naming each factor (shape,scale,...)",
        assertThrows(DataException.class, () -> FactorFiles.read(noHeader, 1)).getMessage());
    Path negative = tmp.resolve("b.csv");
    Files.writeString(negative, "x,y\n0,1\n1,-2\n");
    assertEquals(
        negative + ": line 3, column 2 (y) is '-2', expected a value index 0, 1, ...",
        assertThrows(DataException.class, () -> FactorFiles.read(negative, 2)).getMessage());
    Path ragged = tmp.resolve("c.csv");
    Files.writeString(ragged, "x,y\n0\n");
    assertEquals(
        ragged + ": line 2 has 1 values, expected 2 (one per factor of the header)",
        assertThrows(DataException.class, () -> FactorFiles.read(ragged, 1)).getMessage());
    Path ok = tmp.resolve("d.csv");
    Files.writeString(ok, "x\n0\n1\n");
    assertEquals(
        ok + ": holds the factors of 2 examples, expected 3 (one row per example)",
        assertThrows(DataException.class, () -> FactorFiles.read(ok, 3)).getMessage());
    Path txt = tmp.resolve("e.txt");
    Files.writeString(txt, "x\n0\n");
    assertEquals(
        txt + ": factors must be a .npy [N, K] array of integers or a .csv file with a header",
        assertThrows(DataException.class, () -> FactorFiles.read(txt, 1)).getMessage());
  }
}
