package io.tfvae.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes NumPy .npy files (format 1.0, as numpy.save does) for tests, good ones and bad ones. */
public final class NpyFiles {
  private NpyFiles() {}

  /** A uint8 array. */
  public static Path uint8(Path file, int[] shape, byte[] data) throws IOException {
    return write(file, "|u1", false, shape, data);
  }

  /** A little-endian float32 array. */
  public static Path float32(Path file, int[] shape, float[] data) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return write(file, "<f4", false, shape, b.array());
  }

  /** Any header and payload: the header is padded so the data starts at a multiple of 64. */
  public static Path write(Path file, String descr, boolean fortran, int[] shape, byte[] data)
      throws IOException {
    String dims =
        Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    if (shape.length == 1) {
      dims += ",";
    }
    StringBuilder h =
        new StringBuilder(
            "{'descr': '"
                + descr
                + "', 'fortran_order': "
                + (fortran ? "True" : "False")
                + ", 'shape': ("
                + dims
                + "), }");
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    o.write(header.length & 0xff);
    o.write(header.length >> 8);
    o.write(header);
    o.write(data);
    Files.write(file, o.toByteArray());
    return file;
  }
}
