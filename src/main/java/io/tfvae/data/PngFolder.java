package io.tfvae.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of PNG images as examples, through {@code javax.imageio}: every {@code .png} under it
 * (subfolders included, which is how class folders are laid out), in the order of their relative
 * paths. All must have one size; grey images give {@code [N, H, W]}, colour ones {@code [N, H, W,
 * 3]} (an alpha channel is dropped). When every image sits in a subfolder one level down, the
 * subfolders are the classes: labels 0, 1, ... in the order of their names.
 */
public final class PngFolder {
  private PngFolder() {}

  /**
   * Reads the folder.
   *
   * @param dir the folder
   * @return the examples, uint8
   * @throws DataException naming the file that is not a PNG, or whose size or colour differs
   */
  public static ExampleFiles.Examples read(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new DataException(dir + ": holds no .png files, expected a folder of PNG images");
    }
    int h = -1;
    int w = -1;
    int c = -1;
    byte[] out = null;
    for (int n = 0; n < files.size(); n++) {
      Path f = files.get(n);
      BufferedImage img;
      try {
        img = ImageIO.read(f.toFile());
      } catch (IOException e) {
        throw new DataException(f + ": not a readable PNG (" + e.getMessage() + ")");
      }
      if (img == null) {
        throw new DataException(f + ": not a PNG image");
      }
      int channels = img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
      if (n == 0) {
        h = img.getHeight();
        w = img.getWidth();
        c = channels;
        out = new byte[Math.multiplyExact(files.size(), h * w * c)];
      } else if (img.getHeight() != h || img.getWidth() != w || channels != c) {
        throw new DataException(
            String.format(
                "%s: %d x %d with %d channel(s), expected %d x %d with %d like %s",
                f, img.getWidth(), img.getHeight(), channels, w, h, c, files.get(0)));
      }
      int at = n * h * w * c;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (c == 1) {
            out[at++] = (byte) img.getRaster().getSample(x, y, 0);
          } else {
            int rgb = img.getRGB(x, y);
            out[at++] = (byte) (rgb >> 16);
            out[at++] = (byte) (rgb >> 8);
            out[at++] = (byte) rgb;
          }
        }
      }
    }
    int[] shape = c == 1 ? new int[] {h, w} : new int[] {h, w, c};
    return new ExampleFiles.Examples(files.size(), shape, out, null, classes(dir, files));
  }

  /** Labels from class subfolders, or null when the images are not all one level down. */
  private static byte[] classes(Path dir, List<Path> files) {
    List<String> names = new java.util.ArrayList<>();
    for (Path f : files) {
      Path rel = dir.relativize(f);
      if (rel.getNameCount() != 2) {
        return null;
      }
      names.add(rel.getName(0).toString());
    }
    List<String> classes = names.stream().distinct().sorted().toList();
    if (classes.size() > 128) {
      throw new DataException(dir + ": " + classes.size() + " class folders, expected at most 128");
    }
    byte[] labels = new byte[files.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) classes.indexOf(names.get(i));
    }
    return labels;
  }
}
