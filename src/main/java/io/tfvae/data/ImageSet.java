package io.tfvae.data;

/**
 * Images as unsigned bytes in row-major order ({@code count × dim}), with optional labels. Pixels
 * read as {@code byte & 0xff} and scale to [0,1] by dividing by 255.
 */
public final class ImageSet {
  private final byte[] pixels;
  private final byte[] labels;
  private final int count;
  private final int dim;

  /**
   * @param pixels {@code count * dim} unsigned bytes
   * @param labels {@code count} labels in 0..9, or null
   * @param count number of images
   * @param dim pixels per image
   */
  public ImageSet(byte[] pixels, byte[] labels, int count, int dim) {
    if ((long) count * dim != pixels.length) {
      throw new IllegalArgumentException(
          "pixels: expected " + ((long) count * dim) + " bytes, got " + pixels.length);
    }
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException(
          "labels: expected " + count + " labels, got " + labels.length);
    }
    this.pixels = pixels;
    this.labels = labels;
    this.count = count;
    this.dim = dim;
  }

  /** {@return the number of images} */
  public int count() {
    return count;
  }

  /** {@return the pixels per image} */
  public int dim() {
    return dim;
  }

  /** {@return the raw pixel bytes (not copied; do not modify)} */
  public byte[] pixels() {
    return pixels;
  }

  /** {@return whether labels are present} */
  public boolean hasLabels() {
    return labels != null;
  }

  /**
   * @param i image index
   * @return its label
   */
  public int label(int i) {
    return labels[i];
  }

  /**
   * Copies images scaled to [0,1] into {@code dst}, row after row.
   *
   * @param indices image indices
   * @param dst destination of length at least {@code indices.length * dim}
   */
  public void gatherScaled(int[] indices, float[] dst) {
    for (int r = 0; r < indices.length; r++) {
      int src = indices[r] * dim;
      int off = r * dim;
      for (int j = 0; j < dim; j++) {
        dst[off + j] = (pixels[src + j] & 0xff) * (1f / 255f);
      }
    }
  }

  /**
   * A view of the first {@code n} images (shares no state; copies).
   *
   * @param n number of images to keep
   * @return the subset
   */
  public ImageSet head(int n) {
    int k = Math.min(n, count);
    byte[] p = java.util.Arrays.copyOf(pixels, k * dim);
    byte[] l = labels == null ? null : java.util.Arrays.copyOf(labels, k);
    return new ImageSet(p, l, k, dim);
  }

  /**
   * A copy of the last {@code n} images, with their labels (a held-out validation split).
   *
   * @param n number of images to keep
   * @return the subset
   */
  public ImageSet tail(int n) {
    int k = Math.min(n, count);
    int from = count - k;
    byte[] p = java.util.Arrays.copyOfRange(pixels, from * dim, count * dim);
    byte[] l = labels == null ? null : java.util.Arrays.copyOfRange(labels, from, count);
    return new ImageSet(p, l, k, dim);
  }

  /**
   * The images of this set but those at the given indices (in any order, repeats allowed), in their
   * order, with their labels dropped: the unlabelled part of a semi-supervised split.
   *
   * @param excluded indices to leave out
   * @return the remaining images, unlabelled
   */
  public ImageSet without(int[] excluded) {
    boolean[] out = new boolean[count];
    for (int i : excluded) {
      out[i] = true;
    }
    int kept = 0;
    for (boolean o : out) {
      kept += o ? 0 : 1;
    }
    byte[] p = new byte[kept * dim];
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (!out[i]) {
        System.arraycopy(pixels, i * dim, p, k * dim, dim);
        k++;
      }
    }
    return new ImageSet(p, null, kept, dim);
  }
}
