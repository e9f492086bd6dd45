package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.IdxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
  @TempDir Path tmp;

  @Test
  void readsGzipAndRawIdxAlike() throws Exception {
    byte[] data = {0, 1, 2, (byte) 255, 4, 5, 6, 7};
    Path gz =
        IdxFiles.write(tmp.resolve("a.gz"), Idx.IMAGES_MAGIC, new int[] {2, 2, 2}, data, true);
    Path raw = IdxFiles.write(tmp.resolve("a"), Idx.IMAGES_MAGIC, new int[] {2, 2, 2}, data, false);
    for (Path p : new Path[] {gz, raw}) {
      Idx.Array a = Idx.read(p, Idx.IMAGES_MAGIC);
      assertArrayEquals(new int[] {2, 2, 2}, a.dims());
      assertArrayEquals(data, a.data());
    }
  }

  @Test
  void loadsSplitsWithLabelsAndScalesToUnitInterval() throws Exception {
    Path dir = IdxFiles.mnistDir(tmp.resolve("m"), 30, 12, 5);
    ImageSet train = Mnist.train(dir);
    ImageSet test = Mnist.test(dir);
    assertEquals(30, train.count());
    assertEquals(12, test.count());
    assertEquals(784, train.dim());
    float[] x = new float[2 * 784];
    train.gatherScaled(new int[] {3, 0}, x);
    for (int j = 0; j < 784; j++) {
      assertEquals((train.pixels()[3 * 784 + j] & 0xff) / 255f, x[j], 1e-7);
      assertTrue(x[j] >= 0 && x[j] <= 1);
    }
  }

  @Test
  void wrongMagicNumberNamesFileAndBothNumbers() throws Exception {
    Path p =
        IdxFiles.write(tmp.resolve("labels"), Idx.LABELS_MAGIC, new int[] {3}, new byte[3], false);
    DataException e = assertThrows(DataException.class, () -> Idx.read(p, Idx.IMAGES_MAGIC));
    assertEquals(
        p + ": wrong IDX magic number: expected 0x00000803 (images), found 0x00000801",
        e.getMessage());
  }

  @Test
  void truncatedGzipAndTruncatedPayloadAreOneLineErrors() throws Exception {
    byte[] full =
        Files.readAllBytes(
            IdxFiles.write(
                tmp.resolve("x.gz"),
                Idx.IMAGES_MAGIC,
                new int[] {50, 28, 28},
                new byte[50 * 784],
                true));
    Path cut = tmp.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    DataException e1 = assertThrows(DataException.class, () -> Idx.read(cut, Idx.IMAGES_MAGIC));
    assertTrue(e1.getMessage().startsWith(cut + ": truncated"), e1.getMessage());

    byte[] raw = IdxFiles.bytes(Idx.IMAGES_MAGIC, new int[] {2, 28, 28}, new byte[784]);
    Path shortRaw = tmp.resolve("short");
    Files.write(shortRaw, raw);
    DataException e2 =
        assertThrows(DataException.class, () -> Idx.read(shortRaw, Idx.IMAGES_MAGIC));
    assertEquals(
        shortRaw + ": truncated: header [2, 28, 28] needs 1568 data bytes, found 784",
        e2.getMessage());
    assertTrue(!e2.getMessage().contains("\n"));
  }

  @Test
  void imageAndLabelCountsMustAgree() throws Exception {
    Path dir = IdxFiles.mnistDir(tmp.resolve("m"), 20, 10, 1);
    IdxFiles.write(
        dir.resolve("t10k-labels-idx1-ubyte.gz"),
        Idx.LABELS_MAGIC,
        new int[] {9},
        new byte[9],
        true);
    DataException e = assertThrows(DataException.class, () -> Mnist.test(dir));
    assertTrue(e.getMessage().contains("holds 9 labels but"), e.getMessage());
    assertTrue(e.getMessage().contains("holds 10 images"), e.getMessage());
  }

  @Test
  void missingDirectoryAndMissingFileAreNamed() throws Exception {
    Path none = tmp.resolve("nope");
    DataException e = assertThrows(DataException.class, () -> Mnist.test(none));
    assertTrue(e.getMessage().startsWith(none + ": data directory does not exist"), e.getMessage());
    Files.createDirectories(tmp.resolve("empty"));
    DataException e2 = assertThrows(DataException.class, () -> Mnist.train(tmp.resolve("empty")));
    assertEquals(
        tmp.resolve("empty") + ": missing train-images-idx3-ubyte.gz (or train-images-idx3-ubyte)",
        e2.getMessage());
  }

  @Test
  void labelsOutsideZeroToNineAreRejected() throws Exception {
    Path dir = IdxFiles.mnistDir(tmp.resolve("m"), 20, 10, 1);
    byte[] l = new byte[10];
    l[4] = 12;
    IdxFiles.write(
        dir.resolve("t10k-labels-idx1-ubyte.gz"), Idx.LABELS_MAGIC, new int[] {10}, l, true);
    DataException e = assertThrows(DataException.class, () -> Mnist.test(dir));
    assertTrue(e.getMessage().endsWith("label 4 is 12, expected 0..9"), e.getMessage());
  }
}
