package io.tfvae.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader of NumPy's {@code .npy} files (format versions 1 to 3): a magic string, a header that is a
 * Python dict literal ({@code descr}, {@code fortran_order}, {@code shape}), then the array in C
 * order. Only what image data needs is read: unsigned bytes ({@code |u1}) and little-endian float32
 * ({@code <f4}), C order. The format is small and fixed (numpy's {@code format.py} documents it),
 * and the Java libraries that read it bring an array engine or a Kotlin runtime with them, so it is
 * read here.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern RECORD = Pattern.compile("'descr'\\s*:\\s*\\[");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * An array read from a file: its shape, and its values as unsigned bytes or as floats.
   *
   * @param shape dimensions, outermost first
   * @param bytes the values when the file holds {@code uint8}, else null
   * @param floats the values when the file holds {@code float32}, else null
   * @param longs the values when the file holds signed integers ({@code int8/32/64}), else null
   */
  public record Array(int[] shape, byte[] bytes, float[] floats, long[] longs) {
    /**
     * An array of bytes or floats.
     *
     * @param shape dimensions
     * @param bytes uint8 values, or null
     * @param floats float32 values, or null
     */
    public Array(int[] shape, byte[] bytes, float[] floats) {
      this(shape, bytes, floats, null);
    }

    /** {@return the number of values} */
    public long size() {
      return bytes != null ? bytes.length : floats != null ? floats.length : longs.length;
    }
  }

  /**
   * Reads a {@code .npy} file.
   *
   * @param file the file
   * @return its array
   * @throws DataException naming the file and what is wrong: not a .npy file, an unsupported dtype
   *     or order, a shape that does not match the data, a truncated file or trailing bytes
   */
  public static Array read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(raw, file.toString());
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@code .npy} stream (a file, or an entry of an {@code .npz} archive).
   *
   * @param stream the bytes
   * @param name the name used in messages
   * @return its array
   * @throws IOException if the stream cannot be read
   */
  static Array read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    Header h = header(in, name);
    int[] shape = h.shape();
    String descr = h.descr();
    long count = h.count();
    int width = h.width();
    if (count * width > Integer.MAX_VALUE - 8) {
      throw new DataException(
          name
              + ": "
              + count
              + " values do not fit one array (data.files.loading: FROM_DISK reads a uint8"
              + " file by rows)");
    }
    byte[] data = in.readNBytes((int) (count * width));
    if (data.length < count * width) {
      throw new DataException(
          name
              + ": truncated: shape "
              + Arrays.toString(shape)
              + " needs "
              + count * width
              + " data bytes, found "
              + data.length);
    }
    if (in.read() != -1) {
      throw new DataException(
          name
              + ": holds more than the "
              + count * width
              + " data bytes its shape "
              + Arrays.toString(shape)
              + " needs");
    }
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long[] ints = new long[descr.contains("i") ? (int) count : 0];
    switch (descr) {
      case "|u1", "u1":
        return new Array(shape, data, null);
      case "<f4":
        float[] f = new float[(int) count];
        buf.asFloatBuffer().get(f);
        return new Array(shape, null, f);
      case "|i1", "i1":
        for (int i = 0; i < count; i++) {
          ints[i] = data[i];
        }
        break;
      case "<i4":
        for (int i = 0; i < count; i++) {
          ints[i] = buf.getInt(4 * i);
        }
        break;
      default:
        buf.asLongBuffer().get(ints);
    }
    return new Array(shape, null, null, ints);
  }

  /**
   * What a {@code .npy} header says, and where the data begins.
   *
   * @param descr the dtype, as numpy writes it ({@code |u1}, {@code <f4} ...)
   * @param shape dimensions, outermost first
   * @param dataOffset the data's first byte in the file
   */
  public record Header(String descr, int[] shape, long dataOffset) {
    /** {@return the number of values} */
    public long count() {
      long c = 1;
      for (int d : shape) {
        c *= d;
      }
      return c;
    }

    /** {@return bytes a value} */
    public int width() {
      return switch (descr) {
        case "<f4", "<i4" -> 4;
        case "<i8" -> 8;
        default -> 1;
      };
    }
  }

  /**
   * Reads a {@code .npy} file's header only, and checks that the file holds exactly the data it
   * describes.
   *
   * @param file the file
   * @return its header
   * @throws DataException naming the file: not a .npy file, an unsupported dtype or order, a size
   *     other than the shape's
   */
  public static Header header(Path file) {
    Header h;
    long size;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
      h = header(new DataInputStream(raw), file.toString());
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
    long need = h.count() * h.width();
    if (size - h.dataOffset() < need) {
      throw new DataException(
          file
              + ": truncated: shape "
              + Arrays.toString(h.shape())
              + " needs "
              + need
              + " data bytes, found "
              + (size - h.dataOffset()));
    }
    if (size - h.dataOffset() > need) {
      throw new DataException(
          file
              + ": holds more than the "
              + need
              + " data bytes its shape "
              + Arrays.toString(h.shape())
              + " needs");
    }
    return h;
  }

  private static Header header(DataInputStream in, String name) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
      throw new DataException(
          name + ": not a .npy file (expected the magic bytes \\x93NUMPY at its start)");
    }
    int major = magic[6];
    int headerLength;
    long offset;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(Short.reverseBytes(readShort(in, name)));
      offset = 10;
    } else if (major == 2 || major == 3) {
      headerLength = Integer.reverseBytes(readInt(in, name));
      offset = 12;
    } else {
      throw new DataException(name + ": .npy format version " + major + ", expected 1, 2 or 3");
    }
    byte[] headerBytes = in.readNBytes(headerLength);
    if (headerBytes.length < headerLength) {
      throw new DataException(name + ": truncated inside its .npy header");
    }
    String header = new String(headerBytes, StandardCharsets.UTF_8);
    Matcher record = RECORD.matcher(header);
    if (record.find()) {
      throw new DataException(
          name
              + ": record (structured) dtype "
              + list(header, record.end() - 1)
              + ", expected a plain array of uint8 ('|u1') or little-endian float32 ('<f4')"
              + " (numpy.lib.recfunctions.structured_to_unstructured makes one)");
    }
    String descr = field(DESCR, header, "descr", name);
    if (field(FORTRAN, header, "fortran_order", name).equals("True")) {
      throw new DataException(
          name
              + ": fortran_order is True, expected C order (numpy.ascontiguousarray before saving)");
    }
    int[] shape = shape(field(SHAPE, header, "shape", name), name);
    switch (descr) {
      case "|u1", "u1", "|i1", "i1", "<f4", "<i4", "<i8" -> {} // signed integers: labels only
      default -> throw new DataException(
          name
              + ": dtype '"
              + descr
              + "', expected uint8 ('|u1') or little-endian float32 ('<f4')");
    }
    return new Header(descr, shape, offset + headerLength);
  }

  private static short readShort(DataInputStream in, String name) throws IOException {
    try {
      return in.readShort();
    } catch (EOFException e) {
      throw new DataException(name + ": truncated inside its .npy header");
    }
  }

  private static int readInt(DataInputStream in, String name) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataException(name + ": truncated inside its .npy header");
    }
  }

  private static String field(Pattern p, String header, String key, String name) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new DataException(name + ": the .npy header has no '" + key + "': " + header.strip());
    }
    return m.group(1);
  }

  /** The Python list starting at {@code from}, up to its closing bracket, shortened if long. */
  private static String list(String header, int from) {
    int depth = 0;
    int end = from;
    while (end < header.length()) {
      char c = header.charAt(end++);
      depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    String list = header.substring(from, end);
    return list.length() <= 80 ? list : list.substring(0, 76) + " ...";
  }

  private static int[] shape(String tuple, String name) {
    String[] parts = tuple.split(",");
    int[] out = new int[parts.length];
    int n = 0;
    for (String part : parts) {
      String s = part.strip();
      if (s.isEmpty()) {
        continue;
      }
      try {
        out[n] = Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
      } catch (NumberFormatException e) {
        throw new DataException(name + ": shape (" + tuple + ") is not a tuple of sizes");
      }
      if (out[n] < 0) {
        throw new DataException(name + ": shape (" + tuple + ") has a negative size");
      }
      n++;
    }
    return Arrays.copyOf(out, n);
  }
}
