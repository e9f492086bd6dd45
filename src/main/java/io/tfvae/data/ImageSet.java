package io.tfvae.data;

import java.util.Arrays;

/**
 * Examples as unsigned bytes, {@code dim} a row, with optional labels: held in an array, or read
 * row by row from a file on disk ({@link ExampleRows#onDisk}) so that a training set larger than
 * memory needs no copy in Java. Stored values run 0..maxValue and are seen as levels 0..255, v
 * becoming round(v · 255 / maxValue); a pixel scales to [0,1] as level / 255.
 *
 * <p>Subsets ({@link #head}, {@link #tail}, {@link #rows}, {@link #without}) are views: they share
 * the stored rows and copy only their row numbers.
 *
 * <p>A set may carry ground-truth {@link Factors} (generated dSprites does), one row per example;
 * subsets keep the rows of their examples.
 */
public final class ImageSet {
  private final ExampleRows stored;
  private final int[] rows; // this set's rows of stored, or null for all of them in order
  private final byte[] labels;
  private final int count;
  private final int dim;
  private final int maxValue;
  private final Factors factors; // one row per example of this set, or null

  /**
   * Examples held in an array, values 0..255.
   *
   * @param pixels {@code count * dim} unsigned bytes
   * @param labels {@code count} labels (0..127), or null
   * @param count number of images
   * @param dim pixels per image
   */
  public ImageSet(byte[] pixels, byte[] labels, int count, int dim) {
    this(ExampleRows.inMemory(pixels, count, dim), null, labels, 255);
    if ((long) count * dim != pixels.length) {
      throw new IllegalArgumentException(
          "pixels: expected " + ((long) count * dim) + " bytes, got " + pixels.length);
    }
  }

  /**
   * Examples of some stored rows.
   *
   * @param stored the rows
   * @param rows which of them, in order, or null for all
   * @param labels one label per example of this set, or null
   * @param maxValue the largest value stored, seen as 255
   */
  ImageSet(ExampleRows stored, int[] rows, byte[] labels, int maxValue) {
    this(stored, rows, labels, maxValue, null);
  }

  private ImageSet(ExampleRows stored, int[] rows, byte[] labels, int maxValue, Factors factors) {
    this.stored = stored;
    this.rows = rows;
    this.count = rows == null ? stored.count() : rows.length;
    this.dim = stored.dim();
    this.labels = labels;
    this.maxValue = maxValue;
    this.factors = factors;
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException(
          "labels: expected " + count + " labels, got " + labels.length);
    }
    if (factors != null && factors.count() != count) {
      throw new IllegalArgumentException(
          "factors: expected " + count + " rows, got " + factors.count());
    }
  }

  /**
   * Examples read row by row from disk when a batch needs them.
   *
   * @param stored the file's rows
   * @param labels one label per row, or null
   * @return the set
   */
  public static ImageSet of(ExampleRows stored, byte[] labels) {
    return new ImageSet(stored, null, labels, 255);
  }

  /** {@return the number of images} */
  public int count() {
    return count;
  }

  /** {@return the pixels per image} */
  public int dim() {
    return dim;
  }

  /** {@return whether the rows are read from disk as they are needed} */
  public boolean onDisk() {
    return stored.onDisk();
  }

  /** {@return the largest value stored, which is seen as 255} */
  public int maxValue() {
    return maxValue;
  }

  /**
   * These examples with their stored values running 0..maxValue, seen as 0..255: v becomes round(v
   * · 255 / maxValue), exact when maxValue divides 255. Every value is checked (a pass over the
   * rows, nothing copied).
   *
   * @param maxValue the largest value stored
   * @param file the file, for messages
   * @return the set (this one when maxValue is 255)
   * @throws DataException naming the example and value above maxValue
   */
  public ImageSet withMaxValue(int maxValue, Object file) {
    if (maxValue == this.maxValue) {
      return this;
    }
    forEachRow(
        (i, row) -> {
          for (int j = 0; j < dim; j++) {
            int v = row[j] & 0xff;
            if (v > maxValue) {
              throw new DataException(
                  String.format(
                      "%s: example %d, value %d is %d, expected 0..%d (data.files.max_value)",
                      file, i, j, v, maxValue));
            }
          }
        });
    return new ImageSet(stored, rows, labels, maxValue, factors);
  }

  /**
   * {@return every example's levels 0..255, row after row: the stored array itself when this set is
   * all of an array's rows at maxValue 255 (do not modify), else a copy}
   */
  public byte[] pixels() {
    if (rows == null && maxValue == 255 && stored.array() != null) {
      return stored.array();
    }
    if ((long) count * dim > Integer.MAX_VALUE - 8) {
      throw new DataException(
          count + " examples of " + dim + " values do not fit one array; read them by rows");
    }
    byte[] out = new byte[count * dim];
    forEachRow((i, row) -> System.arraycopy(row, 0, out, i * dim, dim));
    return out;
  }

  /** Something done with each example's levels in turn. */
  @FunctionalInterface
  public interface RowVisitor {
    /**
     * @param index the example's index in this set
     * @param levels its {@code dim} levels 0..255 (reused between calls)
     */
    void visit(int index, byte[] levels);
  }

  /**
   * Visits every example in order, reading each row once.
   *
   * @param visitor what to do with each
   */
  public void forEachRow(RowVisitor visitor) {
    byte[] row = new byte[dim];
    byte[] level = levels();
    try (ExampleRows.Reader r = stored.reader()) {
      for (int i = 0; i < count; i++) {
        r.read(storedRow(i), row, 0);
        if (level != null) {
          for (int j = 0; j < dim; j++) {
            row[j] = level[row[j] & 0xff];
          }
        }
        visitor.visit(i, row);
      }
    }
  }

  /**
   * These examples with labels.
   *
   * @param labels one per example (0..127), or null for none
   * @return the set
   */
  public ImageSet withLabels(byte[] labels) {
    return new ImageSet(stored, rows, labels, maxValue, factors);
  }

  /**
   * These examples with ground-truth factors.
   *
   * @param factors one row per example, or null for none
   * @return the set
   * @throws IllegalArgumentException when the factors have another number of rows
   */
  public ImageSet withFactors(Factors factors) {
    return new ImageSet(stored, rows, labels, maxValue, factors);
  }

  /** {@return whether ground-truth factors are present} */
  public boolean hasFactors() {
    return factors != null;
  }

  /**
   * {@return the ground-truth factors, one row per example of this set: names, sizes, values}
   *
   * @throws IllegalStateException when the set has none (ask {@link #hasFactors} first)
   */
  public Factors factors() {
    if (factors == null) {
      throw new IllegalStateException(
          "these examples have no ground-truth factors; check hasFactors() first");
    }
    return factors;
  }

  /**
   * @param example image index
   * @param k which factor, 0..K−1
   * @return its value, 0..size(k)−1
   */
  public int factor(int example, int k) {
    return factors().factor(example, k);
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
    float[] scale = new float[256];
    byte[] level = levels();
    for (int v = 0; v < 256; v++) {
      scale[v] = (level == null ? v : level[v] & 0xff) * (1f / 255f);
    }
    byte[] row = new byte[dim];
    try (ExampleRows.Reader r = stored.reader()) {
      for (int k = 0; k < indices.length; k++) {
        r.read(storedRow(indices[k]), row, 0);
        int off = k * dim;
        for (int j = 0; j < dim; j++) {
          dst[off + j] = scale[row[j] & 0xff];
        }
      }
    }
  }

  /**
   * The first {@code n} images (a view).
   *
   * @param n number of images to keep
   * @return the subset
   */
  public ImageSet head(int n) {
    return rows(range(0, Math.min(n, count)));
  }

  /**
   * The last {@code n} images, with their labels (a view).
   *
   * @param n number of images to keep
   * @return the subset
   */
  public ImageSet tail(int n) {
    int k = Math.min(n, count);
    return rows(range(count - k, count));
  }

  /**
   * Some of the images, in the order given, with their labels (a view).
   *
   * @param indices indices into this set
   * @return the subset
   */
  public ImageSet rows(int[] indices) {
    int[] s = new int[indices.length];
    byte[] l = labels == null ? null : new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      s[k] = storedRow(indices[k]);
      if (l != null) {
        l[k] = labels[indices[k]];
      }
    }
    return new ImageSet(stored, s, l, maxValue, factors == null ? null : factors.rows(indices));
  }

  /**
   * The images of this set but those at the given indices (in any order, repeats allowed), in their
   * order, with their labels dropped (their factors kept): the unlabelled part of a semi-supervised
   * split.
   *
   * @param excluded indices to leave out
   * @return the remaining images, unlabelled (a view)
   */
  public ImageSet without(int[] excluded) {
    ImageSet kept = rows(complement(excluded, count));
    return new ImageSet(stored, kept.rows, null, maxValue, kept.factors);
  }

  /**
   * The indices 0..count−1 not among the given ones, ascending.
   *
   * @param excluded indices to leave out (any order, repeats allowed)
   * @param count the size of the whole
   * @return the rest
   */
  static int[] complement(int[] excluded, int count) {
    boolean[] out = new boolean[count];
    for (int i : excluded) {
      out[i] = true;
    }
    int kept = 0;
    for (boolean o : out) {
      kept += o ? 0 : 1;
    }
    int[] rest = new int[kept];
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (!out[i]) {
        rest[k++] = i;
      }
    }
    return rest;
  }

  private int storedRow(int i) {
    return rows == null ? i : rows[i];
  }

  /** Stored value to level, or null when they are the same (maxValue 255). */
  private byte[] levels() {
    if (maxValue == 255) {
      return null;
    }
    byte[] level = new byte[256];
    for (int v = 0; v <= maxValue; v++) {
      level[v] = (byte) Math.round(v * 255.0 / maxValue);
    }
    return level;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, i -> from + i);
    return r;
  }
}
