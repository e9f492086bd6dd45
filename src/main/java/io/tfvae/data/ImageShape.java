package io.tfvae.data;

/**
 * The picture behind a flat image of {@code dim} values: square, gray (784 = 28 × 28) or
 * channels-last RGB (3072 = 32 × 32 × 3), as the data sets here store them.
 *
 * @param side width and height
 * @param channels 1 or 3
 */
public record ImageShape(int side, int channels) {
  /**
   * Infers the shape of an image of {@code dim} values.
   *
   * @param dim values per image
   * @return its shape
   * @throws DataException if the values cannot form a square gray or RGB picture
   */
  public static ImageShape of(int dim) {
    int channels = dim % 3 == 0 && !isSquare(dim) && isSquare(dim / 3) ? 3 : 1;
    int side = (int) Math.round(Math.sqrt(dim / (double) channels));
    if (side * side * channels != dim) {
      throw new DataException("cannot lay out images of " + dim + " values as square pictures");
    }
    return new ImageShape(side, channels);
  }

  private static boolean isSquare(int v) {
    int r = (int) Math.round(Math.sqrt(v));
    return r * r == v;
  }
}
