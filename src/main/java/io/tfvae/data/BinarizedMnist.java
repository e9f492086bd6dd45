package io.tfvae.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Larochelle and Murray's fixed binarization of MNIST (2011), the data set of the IWAE and
 * Gumbel-Softmax papers: text files {@code binarized_mnist_{train,valid,test}.amat} of 50,000 /
 * 10,000 / 10,000 lines, each 784 values '0' or '1' separated by single spaces. Read as they are
 * ({@code .gz} or raw), never binarized again; there are no labels. Each file's decompressed
 * content must have the official SHA-256.
 */
public final class BinarizedMnist {
  /** Values per line. */
  public static final int IMAGE_DIM = 784;

  /** Lines of the training split. */
  public static final int TRAIN_COUNT = 50_000;

  /** Lines of the validation and test splits. */
  public static final int TEST_COUNT = 10_000;

  /** SHA-256 of the official (uncompressed) files. */
  public static final Map<String, String> SHA256 =
      Map.of(
          "binarized_mnist_train.amat",
          "ad693b29f94c14277b095f5238ddefbbdaaae0939789dd2f4f0205278cee3e4d",
          "binarized_mnist_valid.amat",
          "1de3d397c40fe8eeb33dafd4099a1f665ec01e96d9be234aaeeac8a34930e2e2",
          "binarized_mnist_test.amat",
          "e6687bfea3f820c174f33b7865140b2a2dd2930ef786f35d45795fc193b5ab2c");

  private BinarizedMnist() {}

  /**
   * The 50,000-image training split.
   *
   * @param dir the folder holding the files
   * @return the images, pixels 0 or 255, no labels
   */
  public static ImageSet train(Path dir) {
    return split(dir, "binarized_mnist_train.amat", TRAIN_COUNT);
  }

  /**
   * The 10,000-image test split.
   *
   * @param dir the folder holding the files
   * @return the images, pixels 0 or 255, no labels
   */
  public static ImageSet test(Path dir) {
    return split(dir, "binarized_mnist_test.amat", TEST_COUNT);
  }

  /**
   * The 10,000-image validation split, for choosing settings without looking at the test split.
   *
   * @param dir the folder holding the files
   * @return the images, pixels 0 or 255, no labels
   */
  public static ImageSet validation(Path dir) {
    return split(dir, "binarized_mnist_valid.amat", TEST_COUNT);
  }

  private static ImageSet split(Path dir, String name, int lines) {
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          dir
              + ": data directory "
              + (Files.exists(dir) ? "is not a directory" : "does not exist")
              + " (give --data-dir the folder holding the binarized MNIST .amat files, or leave it out to download)");
    }
    return read(Mnist.find(dir, name), lines, SHA256.get(name));
  }

  /**
   * Reads one {@code .amat} file.
   *
   * @param file the file, gzip-compressed when its name ends in {@code .gz}
   * @param lines the number of lines it must hold
   * @param sha256 the SHA-256 its (decompressed) content must have, or null to skip the check
   * @return the images, pixels 0 or 255
   * @throws DataException naming the file (and line) for a wrong line length, a value other than 0
   *     or 1, a wrong line count, a truncated file or a checksum mismatch
   */
  public static ImageSet read(Path file, int lines, String sha256) {
    byte[] pixels = new byte[lines * IMAGE_DIM];
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream unzipped =
            file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        InputStream in =
            new BufferedInputStream(new DigestInputStream(unzipped, digest), 1 << 16)) {
      int line = 0;
      int c;
      while ((c = in.read()) != -1) {
        if (line == lines) {
          throw new DataException(
              file + ": holds more than " + lines + " lines, expected " + lines);
        }
        readLine(file, line, c, in, pixels);
        line++;
      }
      if (line != lines) {
        throw new DataException(file + ": holds " + line + " lines, expected " + lines);
      }
    } catch (EOFException e) {
      throw new DataException(
          file + ": truncated" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
    String have = HexFormat.of().formatHex(digest.digest());
    if (sha256 != null && !have.equals(sha256)) {
      throw new DataException(
          file
              + ": checksum mismatch: expected SHA-256 "
              + sha256
              + " (of the uncompressed file), found "
              + have
              + " (delete the file to download it again)");
    }
    return new ImageSet(pixels, null, lines, IMAGE_DIM);
  }

  /** One line: 784 values '0'/'1' separated by single spaces, then '\n'; c is its first byte. */
  private static void readLine(Path file, int line, int c, InputStream in, byte[] pixels)
      throws IOException {
    int values = 0;
    int base = line * IMAGE_DIM;
    while (true) {
      if (c != '0' && c != '1') {
        throw new DataException(
            file
                + ": line "
                + (line + 1)
                + ", value "
                + (values + 1)
                + ": expected 0 or 1, found "
                + describe(c));
      }
      if (values == IMAGE_DIM) {
        throw new DataException(
            file + ": line " + (line + 1) + ": expected " + IMAGE_DIM + " values, found more");
      }
      pixels[base + values++] = (byte) (c == '1' ? 255 : 0);
      c = in.read();
      if (c == '\n' || c == -1) {
        break;
      }
      if (c == '\r') {
        c = in.read();
        if (c == '\n' || c == -1) {
          break;
        }
      }
      if (c != ' ') {
        throw new DataException(
            file
                + ": line "
                + (line + 1)
                + ", after value "
                + values
                + ": expected a space, found "
                + describe(c));
      }
      c = in.read();
    }
    if (values != IMAGE_DIM) {
      throw new DataException(
          file + ": line " + (line + 1) + ": expected " + IMAGE_DIM + " values, found " + values);
    }
  }

  private static String describe(int c) {
    return c == -1
        ? "the end of the file"
        : c == '\n' ? "the end of the line" : "'" + (char) c + "'";
  }
}
