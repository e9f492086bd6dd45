package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.IdxFiles;
import io.tfvae.testing.NpyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path tmp;

  @Test
  void uint8AndFloat32ArraysReadBackWithTheirShapes() throws Exception {
    byte[] b = {0, 1, (byte) 200, (byte) 255, 7, 8};
    Npy.Array a = Npy.read(NpyFiles.uint8(tmp.resolve("b.npy"), new int[] {2, 3}, b));
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(b, a.bytes());
    assertNull(a.floats());
    float[] f = {0f, 0.25f, 1f, 0.5f};
    Npy.Array g = Npy.read(NpyFiles.float32(tmp.resolve("f.npy"), new int[] {1, 2, 2}, f));
    assertArrayEquals(new int[] {1, 2, 2}, g.shape());
    assertArrayEquals(f, g.floats());
  }

  @Test
  void exampleFilesTakeNpyAndIdxAlikeAndNameWhatIsWrong() throws Exception {
    byte[] px = new byte[2 * 4 * 4];
    px[5] = (byte) 255;
    var fromNpy = ExampleFiles.read(NpyFiles.uint8(tmp.resolve("x.npy"), new int[] {2, 4, 4}, px));
    var fromIdx =
        ExampleFiles.read(
            IdxFiles.write(tmp.resolve("x-idx3-ubyte.gz"), 0x803, new int[] {2, 4, 4}, px, true));
    assertEquals(2, fromNpy.count());
    assertArrayEquals(new int[] {4, 4}, fromNpy.shape());
    assertArrayEquals(fromNpy.bytes(), fromIdx.bytes());
    assertArrayEquals(fromNpy.shape(), fromIdx.shape());

    Path flat = NpyFiles.uint8(tmp.resolve("flat.npy"), new int[] {32}, px);
    assertEquals(
        flat + ": shape [32], expected [N, D], [N, H, W] or [N, H, W, C] (examples first)",
        assertThrows(DataException.class, () -> ExampleFiles.read(flat)).getMessage());
    Path big = NpyFiles.float32(tmp.resolve("big.npy"), new int[] {1, 2}, new float[] {0.5f, 2f});
    assertEquals(
        big + ": example 0, value 1 is 2.0, expected a float32 in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(big)).getMessage());
    Path longer = tmp.resolve("longer.npy");
    byte[] ok = Files.readAllBytes(NpyFiles.uint8(longer, new int[] {2, 16}, px));
    Files.write(longer, java.util.Arrays.copyOf(ok, ok.length + 3));
    assertEquals(
        longer + ": holds more than the 32 data bytes its shape [2, 16] needs",
        assertThrows(DataException.class, () -> Npy.read(longer)).getMessage());
  }

  /** numpy.save of a structured array writes descr as a list of (name, dtype) pairs. */
  @Test
  void aRecordDtypeIsNamedAsUnsupported() throws Exception {
    Path rec = tmp.resolve("rec.npy");
    String dict =
        "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (3,), }";
    byte[] header = (dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n").getBytes("US-ASCII");
    var o = new java.io.ByteArrayOutputStream();
    o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    o.write(header.length & 0xff);
    o.write(header.length >> 8);
    o.write(header);
    o.write(new byte[3 * 8]);
    Files.write(rec, o.toByteArray());
    String expected =
        rec
            + ": record (structured) dtype [('a', '<f4'), ('b', '<f4')], expected a plain array of"
            + " uint8 ('|u1') or little-endian float32 ('<f4')"
            + " (numpy.lib.recfunctions.structured_to_unstructured makes one)";
    assertEquals(expected, assertThrows(DataException.class, () -> Npy.read(rec)).getMessage());
    assertEquals(
        expected, assertThrows(DataException.class, () -> ExampleFiles.read(rec)).getMessage());
    assertEquals(
        expected, assertThrows(DataException.class, () -> ExampleFiles.onDisk(rec)).getMessage());
  }

  /** An .npz archive (numpy.savez_compressed) with x and y: examples and their labels. */
  @Test
  void anNpzArchiveGivesExamplesAndLabels() throws Exception {
    byte[] px = new byte[3 * 4];
    px[5] = 9;
    Path x = NpyFiles.uint8(tmp.resolve("x.npy"), new int[] {3, 2, 2}, px);
    Path y = NpyFiles.uint8(tmp.resolve("y.npy"), new int[] {3}, new byte[] {2, 0, 1});
    Path npz = tmp.resolve("data.npz");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(npz))) {
      for (Path p : new Path[] {x, y}) {
        zip.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
        zip.write(Files.readAllBytes(p));
        zip.closeEntry();
      }
    }
    var e = ExampleFiles.read(npz);
    assertEquals(3, e.count());
    assertArrayEquals(px, e.bytes());
    assertArrayEquals(new byte[] {2, 0, 1}, e.labels());

    Path two = tmp.resolve("two.npz");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(two))) {
      for (String name : new String[] {"a.npy", "b.npy"}) {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(Files.readAllBytes(x));
        zip.closeEntry();
      }
    }
    assertEquals(
        two
            + ": holds arrays [a, b], expected one named x (the examples; y for labels) or a single array",
        assertThrows(DataException.class, () -> ExampleFiles.read(two)).getMessage());
  }
}
