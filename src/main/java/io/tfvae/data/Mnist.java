package io.tfvae.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MNIST splits read from a directory holding the four official IDX files, gzip-compressed
 * ({@code train-images-idx3-ubyte.gz}, ...) or not ({@code train-images-idx3-ubyte}).
 */
public final class Mnist {
  /** Pixels per image (28 × 28). */
  public static final int IMAGE_DIM = 28 * 28;

  /** Number of classes. */
  public static final int CLASSES = 10;

  /**
   * Base names of the four files, in the order train images, train labels, test images, test
   * labels.
   */
  public static final String[] FILES = {
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte"
  };

  private Mnist() {}

  /**
   * Reads the 60,000-image training split.
   *
   * @param dir the data directory
   * @return images and labels
   * @throws DataException if the directory or a file is missing or bad
   */
  public static ImageSet train(Path dir) {
    return split(dir, FILES[0], FILES[1]);
  }

  /**
   * Reads the 10,000-image test split.
   *
   * @param dir the data directory
   * @return images and labels
   * @throws DataException if the directory or a file is missing or bad
   */
  public static ImageSet test(Path dir) {
    return split(dir, FILES[2], FILES[3]);
  }

  private static ImageSet split(Path dir, String imagesName, String labelsName) {
    checkDirectory(dir);
    Path imagesFile = find(dir, imagesName);
    Path labelsFile = find(dir, labelsName);
    Idx.Array images = Idx.read(imagesFile, Idx.IMAGES_MAGIC);
    Idx.Array labels = Idx.read(labelsFile, Idx.LABELS_MAGIC);
    int[] d = images.dims();
    if (d.length != 3) {
      throw new DataException(
          imagesFile + ": expected 3 dimensions (count, rows, cols), found " + d.length);
    }
    int count = d[0];
    int dim = d[1] * d[2];
    int labelCount = labels.dims()[0];
    if (labelCount != count) {
      throw new DataException(
          labelsFile
              + ": holds "
              + labelCount
              + " labels but "
              + imagesFile
              + " holds "
              + count
              + " images");
    }
    byte[] l = labels.data();
    for (int i = 0; i < l.length; i++) {
      if (l[i] < 0 || l[i] >= CLASSES) {
        throw new DataException(
            labelsFile + ": label " + i + " is " + (l[i] & 0xff) + ", expected 0..9");
      }
    }
    return new ImageSet(images.data(), l, count, dim);
  }

  /**
   * Checks that a data directory exists.
   *
   * @param dir the directory
   * @throws DataException if it does not exist or is not a directory
   */
  public static void checkDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          dir
              + ": data directory "
              + (Files.exists(dir) ? "is not a directory" : "does not exist")
              + " (give --data-dir the folder holding the MNIST IDX files, or leave it out to download)");
    }
  }

  /**
   * The path of one of the four files, preferring the gzip-compressed one.
   *
   * @param dir the data directory
   * @param baseName a name from {@link #FILES}
   * @return the file
   * @throws DataException if neither form exists
   */
  public static Path find(Path dir, String baseName) {
    Path gz = dir.resolve(baseName + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    Path raw = dir.resolve(baseName);
    if (Files.exists(raw)) {
      return raw;
    }
    throw new DataException(dir + ": missing " + baseName + ".gz (or " + baseName + ")");
  }
}
