package io.tfvae.testing;

import io.tfvae.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files (the MNIST format) for tests. */
public final class IdxFiles {
  private IdxFiles() {}

  public static byte[] bytes(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bos);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bos.toByteArray();
  }

  public static Path write(Path file, int magic, int[] dims, byte[] data, boolean gzip)
      throws IOException {
    byte[] b = bytes(magic, dims, data);
    try (OutputStream o =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      o.write(b);
    }
    return file;
  }

  /** A directory with the four MNIST files of tiny splits (28x28 images). */
  public static Path mnistDir(Path dir, int train, int test, long seed) throws IOException {
    return writeMnist(
        dir, TinyData.images(train, 28 * 28, seed), TinyData.images(test, 28 * 28, seed + 1));
  }

  /**
   * Writes a training and a test split (28 x 28, labelled) under MNIST's gzipped file names.
   *
   * @return the folder (created)
   */
  public static Path writeMnist(Path dir, ImageSet train, ImageSet test) throws IOException {
    Files.createDirectories(dir);
    for (var split : java.util.Map.of("train", train, "t10k", test).entrySet()) {
      ImageSet s = split.getValue();
      write(
          dir.resolve(split.getKey() + "-images-idx3-ubyte.gz"),
          0x803,
          new int[] {s.count(), 28, 28},
          s.pixels(),
          true);
      write(
          dir.resolve(split.getKey() + "-labels-idx1-ubyte.gz"),
          0x801,
          new int[] {s.count()},
          labels(s),
          true);
    }
    return dir;
  }

  private static byte[] labels(ImageSet s) {
    byte[] l = new byte[s.count()];
    for (int i = 0; i < l.length; i++) {
      l[i] = (byte) s.label(i);
    }
    return l;
  }
}
