package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.MatFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVHN reading on MAT files of the official layout written here, and on broken ones. */
class SvhnTest {
  @TempDir Path tmp;

  @Test
  void readsTheOfficialLayoutChannelsLastWithTenMeaningZero() throws Exception {
    Path f =
        MatFiles.svhn(tmp.resolve("train_32x32.mat"), 12, 32, 32, 3, "X", "y", MatFiles.labels(12));
    ImageSet s = Svhn.train(tmp);
    assertEquals(12, s.count());
    assertEquals(3072, s.dim());
    for (int i = 0; i < 12; i++) {
      assertEquals((i + 1) % 10, s.label(i), "label 10 is the digit 0");
      for (int r = 0; r < 32; r += 5) {
        for (int c = 0; c < 32; c += 7) {
          for (int ch = 0; ch < 3; ch++) {
            assertEquals(
                MatFiles.pixel(r, c, ch, i),
                s.pixels()[i * 3072 + (r * 32 + c) * 3 + ch],
                "X(" + r + "," + c + "," + ch + "," + i + ")");
          }
        }
      }
    }
    assertTrue(Files.exists(f));
  }

  @Test
  void wrongVariableNamesAreNamed() throws Exception {
    Path f = MatFiles.svhn(tmp.resolve("a.mat"), 4, 32, 32, 3, "images", "y", MatFiles.labels(4));
    DataException e = assertThrows(DataException.class, () -> Svhn.read(f));
    assertEquals(
        f
            + ": MAT variable 'X' is missing (the file holds: images, y); expected X (32x32x3xN uint8) and y (Nx1 labels)",
        e.getMessage());
  }

  @Test
  void wrongShapesAreNamed() throws Exception {
    Path gray = MatFiles.svhn(tmp.resolve("b.mat"), 4, 28, 28, 1, "X", "y", MatFiles.labels(4));
    assertEquals(
        gray + ": X: expected a uint8 array of 32x32x3xN, found uint8 28x28x1x4",
        assertThrows(DataException.class, () -> Svhn.read(gray)).getMessage());
    Path fewLabels =
        MatFiles.svhn(tmp.resolve("c.mat"), 4, 32, 32, 3, "X", "y", MatFiles.labels(3));
    assertEquals(
        fewLabels + ": y: expected 4x1 labels (one per image of X), found double 3x1",
        assertThrows(DataException.class, () -> Svhn.read(fewLabels)).getMessage());
  }

  @Test
  void labelsOutsideOneToTenAreRejected() throws Exception {
    double[] l = MatFiles.labels(5);
    l[2] = 11;
    Path f = MatFiles.svhn(tmp.resolve("d.mat"), 5, 32, 32, 3, "X", "y", l);
    assertEquals(
        f + ": y(3) is 11.0, expected a label in 1..10 (10 is the digit 0)",
        assertThrows(DataException.class, () -> Svhn.read(f)).getMessage());
    l[2] = 0;
    Path g = MatFiles.svhn(tmp.resolve("e.mat"), 5, 32, 32, 3, "X", "y", l);
    assertTrue(
        assertThrows(DataException.class, () -> Svhn.read(g))
            .getMessage()
            .endsWith("y(3) is 0.0, expected a label in 1..10 (10 is the digit 0)"));
  }

  @Test
  void notAMatFileAndMissingFilesAreOneLine() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.mat"), "this is not MATLAB");
    DataException e = assertThrows(DataException.class, () -> Svhn.read(junk));
    assertTrue(
        e.getMessage().startsWith(junk + ": not a readable MATLAB v5 MAT file"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    assertEquals(
        tmp + ": missing test_32x32.mat",
        assertThrows(DataException.class, () -> Svhn.test(tmp)).getMessage());
  }
}
