package io.tfvae.data;

import io.tfvae.util.FileDigests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A user's file of examples as the manifest records it: where it was, its SHA-256 and its shape, so
 * that the tools find the same file again and notice when it is another.
 *
 * @param role {@code train}, {@code valid} or {@code test}
 * @param path the file's absolute path when it was read
 * @param sha256 its SHA-256
 * @param shape its array's shape, examples first
 * @param labels its labels file's absolute path, or null (no labels, a PNG folder's classes, or a
 *     CSV label column)
 * @param labelsSha256 the labels file's SHA-256, or null
 * @param maxValue the largest value stored, which scales to 255
 * @param labelColumn a CSV file's label column (1 = the first), or 0
 * @param factors its ground-truth factors file's absolute path, or null
 * @param factorsSha256 the factors file's SHA-256, or null
 */
public record DataFile(
    String role,
    Path path,
    String sha256,
    int[] shape,
    Path labels,
    String labelsSha256,
    int maxValue,
    int labelColumn,
    Path factors,
    String factorsSha256) {
  /**
   * Reads a user's file of examples for training or evaluation (uint8 values), whole.
   *
   * @param role {@code train}, {@code valid} or {@code test}, for messages and the manifest
   * @param path the file
   * @param labelsPath its labels file, or null
   * @param maxValue the largest value the file stores (255 for 8-bit images)
   * @return the record and the images, seen as levels 0..255
   * @throws DataException naming the file when it cannot be used
   */
  public static Read read(String role, Path path, Path labelsPath, int maxValue) {
    return read(role, path, labelsPath, maxValue, ExampleFiles.Loading.AUTO, 0);
  }

  /**
   * Reads a user's file of examples for training or evaluation (uint8 values), whole or by rows
   * from disk.
   *
   * @param role {@code train}, {@code valid} or {@code test}, for messages and the manifest
   * @param path the file
   * @param labelsPath its labels file, or null
   * @param maxValue the largest value the file stores (255 for 8-bit images)
   * @param loading whole, or by rows from disk
   * @param labelColumn a CSV file's label column (1 = the first), or 0
   * @return the record and the images, seen as levels 0..255
   * @throws DataException naming the file when it cannot be used
   */
  public static Read read(
      String role,
      Path path,
      Path labelsPath,
      int maxValue,
      ExampleFiles.Loading loading,
      int labelColumn) {
    return read(role, path, labelsPath, maxValue, loading, labelColumn, null);
  }

  /**
   * Reads a user's file of examples, with its labels and its ground-truth factors when given.
   *
   * @param role {@code train}, {@code valid} or {@code test}, for messages and the manifest
   * @param path the file
   * @param labelsPath its labels file, or null
   * @param maxValue the largest value the file stores (255 for 8-bit images)
   * @param loading whole, or by rows from disk
   * @param labelColumn a CSV file's label column (1 = the first), or 0
   * @param factorsPath its factors file ({@link FactorFiles}), or null
   * @return the record and the images, seen as levels 0..255
   * @throws DataException naming the file when it cannot be used
   */
  public static Read read(
      String role,
      Path path,
      Path labelsPath,
      int maxValue,
      ExampleFiles.Loading loading,
      int labelColumn,
      Path factorsPath) {
    ExampleFiles.ShapedImages e = ExampleFiles.images(path, loading, labelColumn);
    ImageSet images = e.images();
    if (labelsPath != null) {
      images = images.withLabels(ExampleFiles.readLabels(labelsPath, images.count()));
    }
    if (factorsPath != null) {
      images = images.withFactors(FactorFiles.read(factorsPath, images.count()));
    }
    images = images.withMaxValue(maxValue, path);
    int[] shape = new int[e.shape().length + 1];
    shape[0] = images.count();
    System.arraycopy(e.shape(), 0, shape, 1, e.shape().length);
    return new Read(
        new DataFile(
            role,
            path.toAbsolutePath().normalize(),
            digest(path),
            shape,
            labelsPath == null ? null : labelsPath.toAbsolutePath().normalize(),
            labelsPath == null ? null : digest(labelsPath),
            maxValue,
            labelColumn,
            factorsPath == null ? null : factorsPath.toAbsolutePath().normalize(),
            factorsPath == null ? null : digest(factorsPath)),
        images);
  }

  /**
   * The SHA-256 of a file of examples; for a folder of images, of its files' relative paths and
   * digests, one a line in path order.
   *
   * @param path the file or folder
   * @return lower-case hex
   * @throws DataException if it cannot be read
   */
  public static String digest(Path path) {
    try {
      if (!java.nio.file.Files.isDirectory(path)) {
        return FileDigests.sha256(path);
      }
      StringBuilder lines = new StringBuilder();
      FileDigests.of(path, name -> name.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
          .forEach((name, sha) -> lines.append(name).append(' ').append(sha).append('\n'));
      return FileDigests.sha256(lines.toString());
    } catch (IOException ex) {
      throw new DataException(path + ": cannot read: " + ex.getMessage(), ex);
    }
  }

  /**
   * A file read: what the manifest records, and its examples.
   *
   * @param file the record
   * @param images the examples, flattened
   */
  public record Read(DataFile file, ImageSet images) {}

  @Override
  public String toString() {
    return role + ": " + path + " " + Arrays.toString(shape);
  }
}
