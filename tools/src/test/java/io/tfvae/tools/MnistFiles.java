package io.tfvae.tools;

import io.tfvae.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Small MNIST-shaped data sets written as the official gzipped IDX files, for CLI tests. */
public final class MnistFiles {
  private MnistFiles() {}

  /**
   * n images of 784 pixels with labels: bright bands whose place depends on the label, dark noise
   * elsewhere.
   *
   * @param n images
   * @param dim pixels per image
   * @param seed the seed
   * @return the images
   */
  public static ImageSet images(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] p = new byte[n * dim];
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      l[i] = (byte) r.nextInt(10);
      for (int j = 0; j < dim; j++) {
        p[i * dim + j] = (byte) (((j / 28 + l[i]) % 4 == 0) ? 200 + r.nextInt(56) : r.nextInt(20));
      }
    }
    return new ImageSet(p, l, n, dim);
  }

  /**
   * Writes a training and a test split under MNIST's file names.
   *
   * @param dir the folder (created)
   * @param train training images (28 × 28, labelled)
   * @param test test images
   * @return the folder
   * @throws IOException if a file cannot be written
   */
  public static Path write(Path dir, ImageSet train, ImageSet test) throws IOException {
    Files.createDirectories(dir);
    split(dir, "train", train);
    split(dir, "t10k", test);
    return dir;
  }

  private static void split(Path dir, String prefix, ImageSet s) throws IOException {
    int n = s.count();
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) s.label(i);
    }
    idx(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, s.pixels());
    idx(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
  }

  /**
   * One gzipped IDX file.
   *
   * @param file the file
   * @param magic the IDX magic number
   * @param dims the dimensions
   * @param payload the bytes
   * @throws IOException if it cannot be written
   */
  public static void idx(Path file, int magic, int[] dims, byte[] payload) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(magic);
    for (int x : dims) {
      d.writeInt(x);
    }
    d.write(payload);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
      o.write(b.toByteArray());
    }
  }
}
