package io.tfvae.testing;

import java.io.IOException;
import java.nio.file.Path;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** Writes small MAT files of the SVHN layout (and deliberately wrong ones) for tests. */
public final class MatFiles {
  private MatFiles() {}

  /** The pixel value used at X(r, c, ch, i) (1-based in MATLAB, 0-based here). */
  public static byte pixel(int r, int c, int ch, int i) {
    return (byte) ((r * 7 + c * 3 + ch * 50 + i * 11) & 0xff);
  }

  /**
   * A file with X (rows x cols x channels x n, uint8) and y (n x 1 doubles 1..10, 10 meaning 0).
   */
  public static Path svhn(
      Path file,
      int n,
      int rows,
      int cols,
      int channels,
      String xName,
      String yName,
      double[] labels)
      throws IOException {
    Matrix x = Mat5.newMatrix(new int[] {rows, cols, channels, n}, MatlabType.UInt8);
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < channels; ch++) {
        for (int c = 0; c < cols; c++) {
          for (int r = 0; r < rows; r++) {
            x.setByte(r + rows * (c + cols * (ch + channels * i)), pixel(r, c, ch, i));
          }
        }
      }
    }
    Matrix y = Mat5.newMatrix(labels.length, 1);
    for (int i = 0; i < labels.length; i++) {
      y.setDouble(i, labels[i]);
    }
    MatFile mat = Mat5.newMatFile().addArray(xName, x).addArray(yName, y);
    Mat5.writeToFile(mat, file.toFile());
    return file;
  }

  /** Labels 1..10 cycling, n of them. */
  public static double[] labels(int n) {
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      l[i] = 1 + i % 10;
    }
    return l;
  }
}
