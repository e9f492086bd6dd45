package io.tfvae.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of IDX files (LeCun's MNIST format), raw or gzip-compressed (detected from the gzip magic
 * bytes). Only unsigned-byte payloads are supported, which is what MNIST uses.
 *
 * <p>Layout: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions, one
 * big-endian int32 per dimension, then the data in row-major order.
 */
public final class Idx {
  /** Magic number of an image file (ubyte, 3 dimensions). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of a label file (ubyte, 1 dimension). */
  public static final int LABELS_MAGIC = 0x00000801;

  private Idx() {}

  /** The contents of an IDX file: its dimensions and its bytes. */
  public static final class Array {
    private final int[] dims;
    private final byte[] data;

    Array(int[] dims, byte[] data) {
      this.dims = dims;
      this.data = data;
    }

    /** {@return dimensions, outermost first} */
    public int[] dims() {
      return dims.clone();
    }

    /** {@return row-major payload (unsigned bytes stored in Java bytes)} */
    public byte[] data() {
      return data;
    }
  }

  /**
   * Reads an IDX file and checks its magic number.
   *
   * @param file path of a raw or gzip-compressed IDX file
   * @param expectedMagic {@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}
   * @return dimensions and data
   * @throws DataException if the file is missing, truncated, corrupt or of another kind
   */
  public static Array read(Path file, int expectedMagic) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      try (DataInputStream in =
          new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
        int magic;
        try {
          magic = in.readInt();
        } catch (EOFException e) {
          throw new DataException(file + ": not an IDX file: shorter than its 4-byte header");
        }
        if (magic != expectedMagic) {
          throw new DataException(
              String.format(
                  "%s: wrong IDX magic number: expected 0x%08x (%s), found 0x%08x",
                  file, expectedMagic, expectedMagic == IMAGES_MAGIC ? "images" : "labels", magic));
        }
        int[] dims = new int[magic & 0xff];
        long total = 1;
        for (int i = 0; i < dims.length; i++) {
          dims[i] = in.readInt();
          if (dims[i] <= 0) {
            throw new DataException(
                file + ": dimension " + i + " is " + dims[i] + ", expected > 0");
          }
          total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
          throw new DataException(file + ": " + total + " elements is more than this reader holds");
        }
        byte[] data = new byte[(int) total];
        int n = in.readNBytes(data, 0, data.length);
        if (n < data.length) {
          throw new DataException(
              file
                  + ": truncated: header "
                  + Arrays.toString(dims)
                  + " needs "
                  + data.length
                  + " data bytes, found "
                  + n);
        }
        // Reading on to the end is what makes gzip check its CRC-32: a flipped bit in the
        // payload is noticed here, and so are bytes the header does not account for.
        if (in.read() != -1) {
          throw new DataException(
              file
                  + ": holds more than the "
                  + data.length
                  + " data bytes its header "
                  + Arrays.toString(dims)
                  + " describes");
        }
        return new Array(dims, data);
      }
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found");
    } catch (EOFException e) {
      throw new DataException(file + ": truncated (unexpected end of " + kind(file) + ")");
    } catch (ZipException e) {
      throw new DataException(file + ": corrupt gzip data (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * What a raw (not gzipped) IDX file's header says, and where its data begins.
   *
   * @param dims dimensions, outermost first
   * @param dataOffset the data's first byte
   */
  public record Header(int[] dims, long dataOffset) {}

  /**
   * Reads a raw IDX file's header only, and checks that the file holds exactly the data it
   * describes.
   *
   * @param file the file
   * @return its header
   * @throws DataException naming the file when the header or the size is wrong
   */
  public static Header header(Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 12))) {
      int magic = in.readInt();
      if ((magic & 0xffffff00) != 0x00000800 || (magic & 0xff) < 2) {
        throw new DataException(
            String.format(
                "%s: IDX magic number 0x%08x, expected unsigned bytes (0x000008..) with two or"
                    + " more dimensions",
                file, magic));
      }
      int[] dims = new int[magic & 0xff];
      long total = 1;
      for (int i = 0; i < dims.length; i++) {
        dims[i] = in.readInt();
        if (dims[i] <= 0) {
          throw new DataException(file + ": dimension " + i + " is " + dims[i] + ", expected > 0");
        }
        total *= dims[i];
      }
      long offset = 4 + 4L * dims.length;
      long found = Files.size(file) - offset;
      if (found != total) {
        throw new DataException(
            file
                + (found < total
                    ? ": truncated: header "
                    : ": holds more than the data its header ")
                + Arrays.toString(dims)
                + (found < total
                    ? " needs " + total + " data bytes, found " + found
                    : " describes"));
      }
      return new Header(dims, offset);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found");
    } catch (EOFException e) {
      throw new DataException(file + ": truncated inside its IDX header");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String kind(Path f) {
    return f.toString().endsWith(".gz") ? "gzip stream" : "file";
  }
}
