package io.tfvae.data;

import io.tfvae.util.FileDigests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A user's file of examples as the manifest records it: where it was, its SHA-256 and its shape, so
 * that the tools find the same file again and notice when it is another.
 *
 * @param role {@code train} or {@code test}
 * @param path the file's absolute path when it was read
 * @param sha256 its SHA-256
 * @param shape its array's shape, examples first
 * @param labels its labels file's absolute path, or null (no labels, or a PNG folder's classes)
 * @param labelsSha256 the labels file's SHA-256, or null
 * @param maxValue the largest value stored, which scales to 255
 */
public record DataFile(
    String role,
    Path path,
    String sha256,
    int[] shape,
    Path labels,
    String labelsSha256,
    int maxValue) {
  /**
   * Reads a user's file of examples for training or evaluation (uint8 values).
   *
   * @param role {@code train} or {@code test}, for messages and the manifest
   * @param path the file
   * @param labelsPath its labels file, or null
   * @param maxValue the largest value the file stores (255 for 8-bit images)
   * @return the record and the images, scaled so that maxValue becomes 255
   * @throws DataException naming the file when it cannot be used
   */
  public static Read read(String role, Path path, Path labelsPath, int maxValue) {
    ExampleFiles.Examples e = ExampleFiles.read(path);
    if (labelsPath != null) {
      e = e.withLabels(ExampleFiles.readLabels(labelsPath, e.count()));
    }
    if (e.bytes() == null) {
      throw new DataException(
          path
              + ": float32 examples; training reads uint8 files (0..255), as images are stored"
              + " (tfvae score reads float32 in [0, 1])");
    }
    String sha = digest(path);
    int[] shape = new int[e.shape().length + 1];
    shape[0] = e.count();
    System.arraycopy(e.shape(), 0, shape, 1, e.shape().length);
    return new Read(
        new DataFile(
            role,
            path.toAbsolutePath().normalize(),
            sha,
            shape,
            labelsPath == null ? null : labelsPath.toAbsolutePath().normalize(),
            labelsPath == null ? null : digest(labelsPath),
            maxValue),
        scaled(path, e.images(), maxValue));
  }

  /**
   * Images whose stored values run 0..maxValue, scaled to 0..255: v becomes round(v · 255 /
   * maxValue), exact when maxValue divides 255.
   *
   * @param file the file, for messages
   * @param images the stored values
   * @param maxValue the largest value stored
   * @return the scaled images (the same object when maxValue is 255)
   * @throws DataException naming the example and value above maxValue
   */
  public static ImageSet scaled(Path file, ImageSet images, int maxValue) {
    if (maxValue == 255) {
      return images;
    }
    byte[] p = images.pixels();
    byte[] out = new byte[p.length];
    int dim = images.dim();
    for (int i = 0; i < p.length; i++) {
      int v = p[i] & 0xff;
      if (v > maxValue) {
        throw new DataException(
            String.format(
                "%s: example %d, value %d is %d, expected 0..%d (data.files.max_value)",
                file, i / dim, i % dim, v, maxValue));
      }
      out[i] = (byte) Math.round(v * 255.0 / maxValue);
    }
    byte[] labels = null;
    if (images.hasLabels()) {
      labels = new byte[images.count()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (byte) images.label(i);
      }
    }
    return new ImageSet(out, labels, images.count(), dim);
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
