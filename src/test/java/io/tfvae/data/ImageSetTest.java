package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.NpyFiles;
import io.tfvae.testing.TinyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Examples read from disk by rows against the same examples in memory; validation splits. */
class ImageSetTest {
  @TempDir Path tmp;

  @Test
  void rowsReadFromDiskGiveTheSameBatchesAsTheArray() throws Exception {
    ImageSet inMemory = TinyData.bands(50, 12, 4);
    Path npy = NpyFiles.uint8(tmp.resolve("x.npy"), new int[] {50, 3, 4}, inMemory.pixels());
    ExampleFiles.ShapedImages onDisk = ExampleFiles.images(npy, ExampleFiles.Loading.FROM_DISK, 0);
    assertTrue(onDisk.images().onDisk());
    assertArrayEquals(new int[] {3, 4}, onDisk.shape());
    assertFalse(
        ExampleFiles.images(npy, ExampleFiles.Loading.AUTO, 0).images().onDisk(),
        "a small file is read whole under AUTO");

    int[] batch = {49, 0, 7, 7, 23};
    float[] a = new float[batch.length * 12];
    float[] b = new float[batch.length * 12];
    inMemory.gatherScaled(batch, a);
    onDisk.images().gatherScaled(batch, b);
    assertArrayEquals(a, b);
    assertArrayEquals(inMemory.pixels(), onDisk.images().pixels());

    // Views of views keep pointing at the right rows.
    ImageSet view = onDisk.images().rows(new int[] {5, 9, 11}).tail(2);
    assertArrayEquals(
        Arrays.copyOfRange(inMemory.pixels(), 9 * 12, 10 * 12), Arrays.copyOf(view.pixels(), 12));

    // A raw IDX file reads by rows too; a gzipped one cannot.
    Path idx = tmp.resolve("x-idx");
    byte[] header = {0, 0, 8, 2, 0, 0, 0, 50, 0, 0, 0, 12};
    byte[] all = new byte[header.length + 600];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(inMemory.pixels(), 0, all, header.length, 600);
    Files.write(idx, all);
    assertArrayEquals(
        inMemory.pixels(),
        ExampleFiles.images(idx, ExampleFiles.Loading.FROM_DISK, 0).images().pixels());
    Path gz = tmp.resolve("x-idx.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(all);
    }
    assertEquals(
        gz
            + ": data.files.loading FROM_DISK reads uncompressed uint8 .npy or IDX files by rows;"
            + " this file is read whole (use IN_MEMORY or AUTO)",
        assertThrows(
                DataException.class,
                () -> ExampleFiles.images(gz, ExampleFiles.Loading.FROM_DISK, 0))
            .getMessage());

    // A file cut short is found from its header before training starts.
    Files.write(tmp.resolve("short.npy"), Arrays.copyOf(Files.readAllBytes(npy), 200));
    assertEquals(
        tmp.resolve("short.npy") + ": truncated: shape [50, 3, 4] needs 600 data bytes, found 72",
        assertThrows(
                DataException.class,
                () ->
                    ExampleFiles.images(
                        tmp.resolve("short.npy"), ExampleFiles.Loading.FROM_DISK, 0))
            .getMessage());
  }

  @Test
  void maxValueScalesStoredValuesToLevelsAndRefusesLargerOnes() throws Exception {
    byte[] stored = {0, 1, 8, 16, 3, 15};
    ImageSet s = new ImageSet(stored, null, 2, 3).withMaxValue(16, "digits.npy");
    byte[] levels = s.pixels();
    for (int i = 0; i < stored.length; i++) {
      assertEquals(Math.round(stored[i] * 255.0 / 16), levels[i] & 0xff);
    }
    float[] x = new float[6];
    s.gatherScaled(new int[] {0, 1}, x);
    assertEquals((levels[2] & 0xff) * (1f / 255f), x[2]);
    Path npy = NpyFiles.uint8(tmp.resolve("d.npy"), new int[] {2, 3}, stored);
    assertArrayEquals(
        levels,
        ExampleFiles.images(npy, ExampleFiles.Loading.FROM_DISK, 0)
            .images()
            .withMaxValue(16, npy)
            .pixels(),
        "from disk, the same levels");
    assertEquals(
        "d.npy: example 1, value 0 is 16, expected 0..10 (data.files.max_value)",
        assertThrows(
                DataException.class,
                () -> new ImageSet(stored, null, 2, 3).withMaxValue(10, "d.npy"))
            .getMessage());
  }

  @Test
  void aSeededValidationSplitIsFixedDisjointAndCoversEveryExample() {
    // The draw is part of the contract: the trainer and the tools, in any JVM, carve these.
    assertArrayEquals(new int[] {1, 5, 8}, new ValidationSplit(3, true, 0).heldOut(10));
    assertArrayEquals(new int[] {7, 8, 9}, ValidationSplit.last(3).heldOut(10));

    byte[] pixels = new byte[100];
    byte[] labels = new byte[100];
    for (int i = 0; i < 100; i++) {
      pixels[i] = (byte) i;
      labels[i] = (byte) (i / 10); // sorted by class, as a folder of class subfolders reads
    }
    ImageSet all = new ImageSet(pixels, labels, 100, 1);
    ValidationSplit split = new ValidationSplit(30, true, 7);
    ImageSet valid = split.validation(all);
    ImageSet train = split.training(all);
    assertEquals(30, valid.count());
    assertEquals(70, train.count());
    int[] seen =
        IntStream.concat(
                Arrays.stream(toInts(valid.pixels())), Arrays.stream(toInts(train.pixels())))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, 100).toArray(), seen, "disjoint, and every example");
    for (int i = 0; i < valid.count(); i++) {
      assertEquals((valid.pixels()[i] & 0xff) / 10, valid.label(i), "labels follow their rows");
    }
    assertTrue(
        IntStream.range(0, 30).map(valid::label).distinct().count() > 5,
        "a class-sorted file gives a validation split of many classes");
    assertArrayEquals(valid.pixels(), new ValidationSplit(30, true, 7).validation(all).pixels());
    assertFalse(
        Arrays.equals(valid.pixels(), new ValidationSplit(30, true, 8).validation(all).pixels()));
    assertEquals(
        "data.validation_images: expected fewer than the 100 training examples, got 100",
        assertThrows(DataException.class, () -> new ValidationSplit(100, true, 0).heldOut(100))
            .getMessage());
  }

  private static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xff;
    }
    return out;
  }
}
