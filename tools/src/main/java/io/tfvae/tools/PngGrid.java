package io.tfvae.tools;

import io.tfvae.util.AtomicFiles;
import io.tfvae.util.ImageGrid;
import io.tfvae.util.Messages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Image grids as PNG files, written atomically, with a one-pixel black border around each tile. */
final class PngGrid {
  /** The most pixels of one PNG grid (1 GiB of RGB values while it is drawn). */
  static final long MAX_PIXELS = 1L << 28;

  private PngGrid() {}

  /**
   * Writes images as a PNG grid, laid out by the model's picture shape.
   *
   * @param pixels {@code n * dim} values, clipped to [0,1]
   * @param n images
   * @param picture one image's shape
   * @param rows grid rows
   * @param cols grid columns
   * @param out the PNG file
   * @throws IOException if it cannot be written
   */
  static void write(float[] pixels, int n, Picture picture, int rows, int cols, Path out)
      throws IOException {
    long width = (long) cols * (picture.width() * picture.scale() + 1) + 1;
    long height = (long) rows * (picture.height() * picture.scale() + 1) + 1;
    if (width * height > MAX_PIXELS) {
      throw new ToolException(
          out
              + ": a grid of "
              + width
              + " x "
              + height
              + " pixels is too large (at most "
              + MAX_PIXELS
              + "); use fewer rows, columns or a smaller --scale");
    }
    ImageGrid grid =
        ImageGrid.tile(
            pixels,
            n,
            picture.height(),
            picture.width(),
            picture.channels(),
            rows,
            cols,
            1,
            picture.scale());
    BufferedImage img = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, grid.width(), grid.height(), grid.rgb(), 0, grid.width());
    try {
      AtomicFiles.write(out, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    } catch (IOException e) {
      throw Messages.cannotWrite(out, e);
    }
  }
}
