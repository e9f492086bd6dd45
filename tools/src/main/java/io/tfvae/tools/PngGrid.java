package io.tfvae.tools;

import io.tfvae.util.AtomicFiles;
import io.tfvae.util.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Image grids as PNG files, written atomically, with a one-pixel black border around each tile. */
final class PngGrid {
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
    AtomicFiles.write(out, tmp -> ImageIO.write(img, "png", tmp.toFile()));
  }
}
