package io.tfvae.util;

import io.tfvae.data.ImageShape;

/**
 * Tiles images into one grid picture, the same way for TensorBoard's sample images and the tool's
 * PNG files: image k goes to row k / cols, column k % cols; values are clipped to [0,1] and scaled
 * to 0..255.
 *
 * @param width pixels across
 * @param height pixels down
 * @param channels 1 (gray) or 3 (RGB)
 * @param values row-major, channels last, {@code height * width * channels} bytes
 */
public record ImageGrid(int width, int height, int channels, byte[] values) {
  /**
   * Tiles up to rows × cols images.
   *
   * @param pixels images, {@code n * dim} values, each laid out as {@link ImageShape} says
   * @param n number of images given
   * @param dim values per image (784: 28×28 gray; 3072: 32×32 RGB)
   * @param rows grid rows
   * @param cols grid columns
   * @param gap black pixels between and around the tiles
   * @return the grid
   */
  public static ImageGrid tile(float[] pixels, int n, int dim, int rows, int cols, int gap) {
    ImageShape shape = ImageShape.of(dim);
    return tile(pixels, n, shape.side(), shape.side(), shape.channels(), rows, cols, gap, 1);
  }

  /**
   * Tiles up to rows × cols images of any size, each pixel drawn as a scale × scale block.
   *
   * @param pixels images, {@code n * height * width * channels} values, channels last
   * @param n number of images given
   * @param height an image's rows
   * @param width an image's columns
   * @param channels 1 (gray) or 3 (RGB)
   * @param rows grid rows
   * @param cols grid columns
   * @param gap black pixels between and around the tiles
   * @param scale how many grid pixels across one image pixel takes (at least 1)
   * @return the grid
   */
  public static ImageGrid tile(
      float[] pixels,
      int n,
      int height,
      int width,
      int channels,
      int rows,
      int cols,
      int gap,
      int scale) {
    int dim = height * width * channels;
    int tileW = width * scale;
    int tileH = height * scale;
    int gridW = cols * (tileW + gap) + gap;
    int gridH = rows * (tileH + gap) + gap;
    byte[] out = new byte[Math.multiplyExact(gridW * gridH, channels)];
    for (int k = 0; k < Math.min(n, rows * cols); k++) {
      int ox = gap + (k % cols) * (tileW + gap);
      int oy = gap + (k / cols) * (tileH + gap);
      for (int y = 0; y < tileH; y++) {
        for (int x = 0; x < tileW; x++) {
          for (int c = 0; c < channels; c++) {
            float v = pixels[k * dim + ((y / scale) * width + x / scale) * channels + c];
            out[((oy + y) * gridW + ox + x) * channels + c] =
                (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
          }
        }
      }
    }
    return new ImageGrid(gridW, gridH, channels, out);
  }

  /**
   * The grid as packed 0xRRGGBB pixels (gray repeated in all three), row-major, for {@code
   * java.awt.image.BufferedImage.setRGB}.
   *
   * @return {@code width * height} pixels
   */
  public int[] rgb() {
    int[] out = new int[width * height];
    for (int i = 0; i < out.length; i++) {
      int rgb = 0;
      for (int c = 0; c < 3; c++) {
        rgb = (rgb << 8) | (values[i * channels + (channels == 3 ? c : 0)] & 0xff);
      }
      out[i] = rgb;
    }
    return out;
  }
}
