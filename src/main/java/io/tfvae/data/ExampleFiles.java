package io.tfvae.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Examples from a user's file: NumPy {@code .npy} ({@code uint8} 0..255, or {@code float32} in [0,
 * 1]) or IDX ({@code uint8}, raw or gzipped: MNIST, Fashion-MNIST, EMNIST), the first dimension
 * counting the examples ({@code [N, D]}, {@code [N, H, W]} or {@code [N, H, W, C]}); a folder of
 * PNG images ({@link PngFolder}); or a CSV file of numbers, one example a row ({@link
 * CsvExamples}).
 */
public final class ExampleFiles {
  private ExampleFiles() {}

  /**
   * Examples as read: bytes for {@code uint8} files, floats for {@code float32} ones.
   *
   * @param count number of examples
   * @param shape one example's shape
   * @param bytes {@code count × dim} values 0..255, or null
   * @param floats {@code count × dim} values in [0, 1], or null
   * @param labels one label per example, or null
   */
  public record Examples(int count, int[] shape, byte[] bytes, float[] floats, byte[] labels) {
    /**
     * Examples without labels.
     *
     * @param count number of examples
     * @param shape one example's shape
     * @param bytes uint8 values, or null
     * @param floats float32 values, or null
     */
    public Examples(int count, int[] shape, byte[] bytes, float[] floats) {
      this(count, shape, bytes, floats, null);
    }

    /**
     * {@return these examples with labels}
     *
     * @param labels one per example
     */
    public Examples withLabels(byte[] labels) {
      return new Examples(count, shape, bytes, floats, labels);
    }

    /** {@return values per example} */
    public int dim() {
      int d = 1;
      for (int s : shape) {
        d *= s;
      }
      return d;
    }

    /** {@return the uint8 examples as an image set (no labels), or null for float32 ones} */
    public ImageSet images() {
      return bytes == null ? null : new ImageSet(bytes, labels, count, dim());
    }
  }

  /**
   * Reads a file of examples, chosen by its first bytes (.npy magic, gzip or IDX).
   *
   * @param file the file
   * @return its examples
   * @throws DataException naming the file and what is wrong
   */
  public static Examples read(Path file) {
    if (Files.isDirectory(file)) {
      return PngFolder.read(file);
    }
    String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return CsvExamples.read(file);
    }
    if (lower.endsWith(".npz")) {
      return npz(file);
    }
    byte[] head = firstBytes(file, 4);
    if (head.length == 0) {
      throw new DataException(file + ": empty file, expected a .npy or IDX file of examples");
    }
    if ((head[0] & 0xff) == 0x93) {
      return fromArray(file, Npy.read(file));
    }
    boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    if (gzip) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        head = in.readNBytes(4);
      } catch (IOException e) {
        throw new DataException(file + ": corrupt gzip data (" + e.getMessage() + ")");
      }
    }
    if (head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08 && head[3] >= 2) {
      Idx.Array a = Idx.read(file, 0x00000800 | head[3]);
      return fromArray(file, new Npy.Array(a.dims(), a.data(), null));
    }
    throw new DataException(
        file
            + ": expected a .npy file (uint8 or float32) or an IDX file of unsigned bytes with two"
            + " or more dimensions, found neither");
  }

  /** How a file of examples is read. */
  public enum Loading {
    /** From disk when the file can be read by rows and holds {@link #FROM_DISK_BYTES} or more. */
    AUTO,
    /** Whole, into memory. */
    IN_MEMORY,
    /** Row by row from disk as batches need them (uncompressed uint8 .npy or IDX files). */
    FROM_DISK
  }

  /** The size from which {@link Loading#AUTO} reads a file from disk: 256 MiB. */
  public static final long FROM_DISK_BYTES = 256L << 20;

  /**
   * A file's uint8 examples as an image set, read whole or by rows from disk.
   *
   * @param file the file
   * @param loading how to read it
   * @param labelColumn a CSV file's label column (1 = the first), or 0
   * @return one example's shape, and the examples (with the CSV's labels)
   * @throws DataException naming the file when it cannot be read so, or holds float32 values
   */
  public static ShapedImages images(Path file, Loading loading, int labelColumn) {
    if (labelColumn > 0
        && !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      throw new DataException(
          file + ": data.files.label_column is for CSV files; this is not one (.csv)");
    }
    if (loading != Loading.IN_MEMORY) {
      ShapedRows r = labelColumn > 0 ? null : onDisk(file);
      if (r == null && loading == Loading.FROM_DISK) {
        throw new DataException(
            file
                + ": data.files.loading FROM_DISK reads uncompressed uint8 .npy or IDX files by"
                + " rows; this file is read whole (use IN_MEMORY or AUTO)");
      }
      if (r != null
          && (loading == Loading.FROM_DISK
              || (long) r.rows().count() * r.rows().dim() >= FROM_DISK_BYTES)) {
        return new ShapedImages(r.shape(), ImageSet.of(r.rows(), null));
      }
    }
    Examples e = labelColumn > 0 ? CsvExamples.read(file, labelColumn) : read(file);
    if (e.bytes() == null) {
      throw new DataException(
          file
              + ": float32 examples; training reads uint8 files (0..255), as images are stored"
              + " (tfvae score reads float32 in [0, 1])");
    }
    return new ShapedImages(e.shape(), e.images());
  }

  /**
   * Examples and the shape of one.
   *
   * @param shape one example's shape
   * @param images the examples
   */
  public record ShapedImages(int[] shape, ImageSet images) {}

  /**
   * The rows of an uncompressed {@code uint8} file ({@code .npy}, or raw IDX) to be read from disk
   * as batches need them, the file's size checked against its header.
   *
   * @param file the file
   * @return its examples' shape and rows, or null when the file is of a kind read whole (gzipped,
   *     {@code .npz}, CSV, a PNG folder, float32)
   * @throws DataException naming the file when its header is wrong
   */
  public static ShapedRows onDisk(Path file) {
    if (Files.isDirectory(file)) {
      return null;
    }
    byte[] head = firstBytes(file, 4);
    int[] shape;
    long offset;
    if (head.length >= 1 && (head[0] & 0xff) == 0x93) {
      Npy.Header h = Npy.header(file);
      if (!h.descr().endsWith("u1")) {
        return null;
      }
      shape = h.shape();
      offset = h.dataOffset();
    } else if (head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08) {
      Idx.Header h = Idx.header(file);
      shape = h.dims();
      offset = h.dataOffset();
    } else {
      return null;
    }
    checkShape(file, shape, false);
    long dim = 1;
    for (int i = 1; i < shape.length; i++) {
      dim *= shape[i];
    }
    if (dim > Integer.MAX_VALUE - 8) {
      throw new DataException(file + ": " + dim + " values an example is more than a row holds");
    }
    return new ShapedRows(
        Arrays.copyOfRange(shape, 1, shape.length),
        ExampleRows.onDisk(file, offset, shape[0], (int) dim));
  }

  /**
   * Rows and the shape of one example.
   *
   * @param shape one example's shape
   * @param rows the rows
   */
  public record ShapedRows(int[] shape, ExampleRows rows) {}

  /**
   * An {@code .npz} archive (numpy.savez, compressed or not): the examples are its array {@code x},
   * else {@code arr_0}, else its only array; an array {@code y} beside them gives the labels.
   */
  private static Examples npz(Path file) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      java.util.Map<String, java.util.zip.ZipEntry> arrays = new java.util.TreeMap<>();
      zip.stream()
          .filter(e -> e.getName().endsWith(".npy"))
          .forEach(e -> arrays.put(e.getName().substring(0, e.getName().length() - 4), e));
      String key =
          arrays.containsKey("x")
              ? "x"
              : arrays.containsKey("arr_0")
                  ? "arr_0"
                  : arrays.size() == 1 ? arrays.keySet().iterator().next() : null;
      if (key == null) {
        throw new DataException(
            file
                + ": holds arrays "
                + arrays.keySet()
                + ", expected one named x (the examples; y for labels) or a single array");
      }
      Npy.Array x;
      try (InputStream in = zip.getInputStream(arrays.get(key))) {
        x = Npy.read(in, file + "[" + key + "]");
      }
      Examples e = fromArray(file, x);
      if (!arrays.containsKey("y")) {
        return e;
      }
      Npy.Array y;
      try (InputStream in = zip.getInputStream(arrays.get("y"))) {
        y = Npy.read(in, file + "[y]");
      }
      return e.withLabels(labels(Path.of(file + "[y]"), y, e.count()));
    } catch (java.util.zip.ZipException e) {
      throw new DataException(
          file + ": not a readable .npz (zip) archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A file's first n bytes (fewer if it is shorter), which say what kind of file it is. */
  private static byte[] firstBytes(Path file, int n) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void checkShape(Path file, int[] s, boolean integers) {
    if (s.length < 2 || s.length > 4) {
      throw new DataException(
          file
              + ": shape "
              + Arrays.toString(s)
              + ", expected [N, D], [N, H, W] or [N, H, W, C] (examples first)");
    }
    if (s[0] == 0) {
      throw new DataException(file + ": holds no examples (shape " + Arrays.toString(s) + ")");
    }
    if (integers) {
      throw new DataException(
          file + ": integer examples; expected uint8 ('|u1') or little-endian float32 ('<f4')");
    }
  }

  /** Checks float values are in [0, 1], naming the first that is not. */
  static void checkUnitInterval(Path file, float[] f, int dim) {
    for (int i = 0; i < f.length; i++) {
      if (!(f[i] >= 0f && f[i] <= 1f)) {
        throw new DataException(
            String.format(
                "%s: example %d, value %d is %s, expected a float32 in [0, 1]",
                file, i / dim, i % dim, f[i]));
      }
    }
  }

  /**
   * Reads a labels file: one integer per example, 0..255 ({@code .npy} of uint8, int8, int32 or
   * int64, or an IDX labels file).
   *
   * @param file the file
   * @param count how many examples it labels
   * @return the labels
   * @throws DataException naming the file when it holds another count, non-integers or a label
   *     outside 0..255
   */
  public static byte[] readLabels(Path file, int count) {
    long[] values;
    byte[] head = firstBytes(file, 1);
    if (head.length == 1 && (head[0] & 0xff) == 0x93) {
      return labels(file, Npy.read(file), count);
    }
    byte[] b = Idx.read(file, Idx.LABELS_MAGIC).data();
    values = new long[b.length];
    for (int i = 0; i < b.length; i++) {
      values[i] = b[i] & 0xff;
    }
    return checkedLabels(file, values, count);
  }

  private static byte[] labels(Path file, Npy.Array a, int count) {
    long[] values;
    if (a.shape().length != 1) {
      throw new DataException(
          file + ": shape " + Arrays.toString(a.shape()) + ", expected [N]: one label per example");
    }
    if (a.floats() != null) {
      throw new DataException(file + ": float32 labels, expected integers (uint8, int32, int64)");
    }
    if (a.bytes() != null) {
      values = new long[a.bytes().length];
      for (int i = 0; i < values.length; i++) {
        values[i] = a.bytes()[i] & 0xff;
      }
    } else {
      values = a.longs();
    }
    return checkedLabels(file, values, count);
  }

  private static byte[] checkedLabels(Path file, long[] values, int count) {
    if (values.length != count) {
      throw new DataException(
          file + ": holds " + values.length + " labels, expected " + count + " (one per example)");
    }
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      if (values[i] < 0 || values[i] > 127) {
        throw new DataException(
            file + ": label " + values[i] + " of example " + i + " is outside 0..127");
      }
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static Examples fromArray(Path file, Npy.Array a) {
    int[] s = a.shape();
    checkShape(file, s, a.longs() != null);
    float[] f = a.floats();
    if (f != null) {
      checkUnitInterval(file, f, (int) (f.length / s[0]));
    }
    return new Examples(s[0], Arrays.copyOfRange(s, 1, s.length), a.bytes(), f);
  }
}
