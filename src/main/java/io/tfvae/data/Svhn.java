package io.tfvae.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * The SVHN cropped-digit files ({@code train_32x32.mat}, {@code test_32x32.mat}, {@code
 * extra_32x32.mat}), read with the MAT-File Library (us.hebi.matlab.mat).
 *
 * <p>Official layout (MATLAB v5): {@code X} is a 32×32×3×N uint8 array (row, column, channel,
 * image) and {@code y} an N×1 array of labels 1..10, where 10 means the digit 0. Images become rows
 * of 3072 bytes in row, column, channel order (channels last), and label 10 becomes 0.
 */
public final class Svhn {
  /** Values per image (32 × 32 × 3). */
  public static final int IMAGE_DIM = 32 * 32 * 3;

  /** The three files of the official distribution. */
  public static final String[] FILES = {"train_32x32.mat", "test_32x32.mat", "extra_32x32.mat"};

  private Svhn() {}

  /**
   * Reads the training split.
   *
   * @param dir the folder holding {@code train_32x32.mat}
   * @return images and labels 0..9
   */
  public static ImageSet train(Path dir) {
    return read(file(dir, FILES[0]));
  }

  /**
   * Reads the test split.
   *
   * @param dir the folder holding {@code test_32x32.mat}
   * @return images and labels 0..9
   */
  public static ImageSet test(Path dir) {
    return read(file(dir, FILES[1]));
  }

  private static Path file(Path dir, String name) {
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          dir
              + ": data directory "
              + (Files.exists(dir) ? "is not a directory" : "does not exist"));
    }
    Path f = dir.resolve(name);
    if (!Files.exists(f)) {
      throw new DataException(dir + ": missing " + name);
    }
    return f;
  }

  /**
   * Reads and checks one SVHN MAT file.
   *
   * @param file a MAT file of the official layout
   * @return images and labels 0..9
   * @throws DataException naming the file and variable if the layout is not the official one
   */
  public static ImageSet read(Path file) {
    Mat5File mat;
    try {
      mat = Mat5.readFromFile(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          file
              + ": not a readable MATLAB v5 MAT file ("
              + io.tfvae.util.Messages.describe(e)
              + ")");
    }
    try (mat) {
      Matrix x = matrix(mat, "X", file);
      Matrix y = matrix(mat, "y", file);
      int[] d = x.getDimensions();
      if (x.getType() != MatlabType.UInt8
          || d.length != 4
          || d[0] != 32
          || d[1] != 32
          || d[2] != 3) {
        throw new DataException(
            file + ": X: expected a uint8 array of 32x32x3xN, found " + describe(x));
      }
      int n = d[3];
      int[] yd = y.getDimensions();
      if (y.getNumElements() != n || yd.length != 2 || Math.min(yd[0], yd[1]) != 1) {
        throw new DataException(
            file + ": y: expected " + n + "x1 labels (one per image of X), found " + describe(y));
      }
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        double v = y.getDouble(i);
        if (v != Math.rint(v) || v < 1 || v > 10) {
          throw new DataException(
              file
                  + ": y("
                  + (i + 1)
                  + ") is "
                  + v
                  + ", expected a label in 1..10 (10 is the digit 0)");
        }
        labels[i] = (byte) (v == 10 ? 0 : v);
      }
      byte[] pixels = new byte[n * IMAGE_DIM];
      // MATLAB arrays are column-major: X(r, c, ch, i) sits at r + 32 (c + 32 (ch + 3 i)).
      for (int i = 0; i < n; i++) {
        for (int ch = 0; ch < 3; ch++) {
          for (int c = 0; c < 32; c++) {
            int src = 32 * (c + 32 * (ch + 3 * i));
            for (int r = 0; r < 32; r++) {
              pixels[i * IMAGE_DIM + (r * 32 + c) * 3 + ch] = x.getByte(src + r);
            }
          }
        }
      }
      return new ImageSet(pixels, labels, n, IMAGE_DIM);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static Matrix matrix(MatFile mat, String name, Path file) {
    List<String> names = new ArrayList<>();
    for (MatFile.Entry e : mat.getEntries()) {
      names.add(e.getName());
    }
    if (!names.contains(name)) {
      throw new DataException(
          file
              + ": MAT variable '"
              + name
              + "' is missing (the file holds: "
              + String.join(", ", names)
              + "); expected X (32x32x3xN uint8) and y (Nx1 labels)");
    }
    Array a = mat.getArray(name);
    if (!(a instanceof Matrix)) {
      throw new DataException(
          file + ": " + name + ": expected a numeric array, found " + a.getType());
    }
    return (Matrix) a;
  }

  private static String describe(Array a) {
    StringBuilder sb =
        new StringBuilder(a.getType().toString().toLowerCase(java.util.Locale.ROOT)).append(' ');
    int[] d = a.getDimensions();
    for (int i = 0; i < d.length; i++) {
      sb.append(i == 0 ? "" : "x").append(d[i]);
    }
    return sb.toString();
  }
}
