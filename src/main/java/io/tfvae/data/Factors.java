package io.tfvae.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ground-truth factors of variation, one row of K integers per example: factor k of an example is a
 * value 0..size(k)−1 (an index into the factor's values, as disentanglement_lib's {@code
 * latents_classes}). Held as an [N, K] matrix, or computed from the example's number when the
 * examples are every combination of the factors once, the last factor varying fastest ({@link
 * #grid}: dSprites' order). Subsets ({@link #rows}) are views.
 */
public final class Factors {
  private final List<String> names;
  private final int[] sizes;
  private final int[] values; // [stored, K] row-major, or null for the grid
  private final int[] rows; // this view's stored rows, or null for all in order
  private final int count;

  private Factors(List<String> names, int[] sizes, int[] values, int[] rows, int count) {
    this.names = names;
    this.sizes = sizes;
    this.values = values;
    this.rows = rows;
    this.count = count;
  }

  /**
   * Factors held in a matrix.
   *
   * @param names each factor's name
   * @param sizes each factor's number of values
   * @param values {@code N × K} values, row after row, value k of a row in 0..sizes[k]−1
   * @return the factors of N examples
   * @throws IllegalArgumentException naming the first value out of range, or for mismatched lengths
   */
  public static Factors of(List<String> names, int[] sizes, int[] values) {
    int k = checkedWidth(names, sizes);
    if (values.length % k != 0) {
      throw new IllegalArgumentException(
          "factors: expected a multiple of " + k + " values (N × K), got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      int v = values[i];
      if (v < 0 || v >= sizes[i % k]) {
        throw new IllegalArgumentException(
            String.format(
                "factors: example %d, factor %s is %d, expected 0..%d",
                i / k, names.get(i % k), v, sizes[i % k] - 1));
      }
    }
    return new Factors(List.copyOf(names), sizes.clone(), values.clone(), null, values.length / k);
  }

  /**
   * Every combination of the factors once, in row-major order (the last factor varies fastest):
   * example i's factors are the digits of i in the mixed radix {@code sizes}.
   *
   * @param names each factor's name
   * @param sizes each factor's number of values
   * @return the factors of the product of the sizes examples
   */
  public static Factors grid(List<String> names, int[] sizes) {
    checkedWidth(names, sizes);
    long n = 1;
    for (int s : sizes) {
      n *= s;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("factors: a grid of " + n + " examples is too large");
    }
    return new Factors(List.copyOf(names), sizes.clone(), null, null, (int) n);
  }

  /**
   * Factors read from a {@code .npy} file of shape [N, K] holding integers (uint8, int8, int32 or
   * int64), each a value index 0, 1, ... (as disentanglement_lib's {@code latents_classes}). A
   * factor's number of values is one more than the largest value in its column.
   *
   * @param file the file
   * @param names the factors' names, one per column, or null for {@code factor_0, factor_1, ...}
   * @return the factors of N examples
   * @throws DataException naming the file and what is wrong: another shape or dtype, a negative
   *     value, or a number of names other than K
   */
  public static Factors readNpy(java.nio.file.Path file, List<String> names) {
    Npy.Array a = Npy.read(file);
    int[] shape = a.shape();
    if (shape.length != 2 || shape[1] < 1 || (a.bytes() == null && a.longs() == null)) {
      throw new DataException(
          file
              + ": factors must be an [N, K] array of integers (uint8, int8, int32 or int64), got "
              + (a.floats() != null ? "float32 " : "")
              + Arrays.toString(shape));
    }
    int k = shape[1];
    if (names != null && names.size() != k) {
      throw new DataException(
          file + ": " + k + " factor columns, but " + names.size() + " names: " + names);
    }
    int[] values = new int[Math.toIntExact(a.size())];
    int[] sizes = new int[k];
    for (int i = 0; i < values.length; i++) {
      long v = a.bytes() != null ? a.bytes()[i] & 0xff : a.longs()[i];
      if (v < 0 || v >= Integer.MAX_VALUE) {
        throw new DataException(
            String.format(
                "%s: example %d, factor %d is %d, expected a value index 0, 1, ...",
                file, i / k, i % k, v));
      }
      values[i] = (int) v;
      sizes[i % k] = Math.max(sizes[i % k], (int) v + 1);
    }
    List<String> n = names;
    if (n == null) {
      String[] d = new String[k];
      Arrays.setAll(d, j -> "factor_" + j);
      n = List.of(d);
    }
    for (int j = 0; j < k; j++) {
      sizes[j] = Math.max(sizes[j], 1); // an empty file: every factor has one value
    }
    return of(n, sizes, values);
  }

  /** {@return the number of examples} */
  public int count() {
    return count;
  }

  /** {@return K, the number of factors} */
  public int width() {
    return sizes.length;
  }

  /** {@return the factors' names, in order} */
  public List<String> names() {
    return names;
  }

  /** {@return each factor's number of values (a copy)} */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * @param example the example's index in this set
   * @param k which factor, 0..K−1
   * @return its value, 0..sizes[k]−1
   */
  public int factor(int example, int k) {
    int stored = rows == null ? Objects.checkIndex(example, count) : rows[example];
    if (values != null) {
      return values[stored * sizes.length + Objects.checkIndex(k, sizes.length)];
    }
    Objects.checkIndex(k, sizes.length);
    for (int j = sizes.length - 1; j > k; j--) {
      stored /= sizes[j];
    }
    return stored % sizes[k];
  }

  /**
   * Some examples' factors, in the order given (a view).
   *
   * @param indices indices into this set
   * @return their factors
   */
  public Factors rows(int[] indices) {
    int[] s = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      s[i] = rows == null ? Objects.checkIndex(indices[i], count) : rows[indices[i]];
    }
    return new Factors(names, sizes, values, s, s.length);
  }

  /**
   * The example of the grid with the given factors: the inverse of {@link #factor} on a {@link
   * #grid}.
   *
   * @param sizes each factor's number of values
   * @param factors one value per factor
   * @return the index, {@code sum_k factors[k] · prod_{j>k} sizes[j]}
   */
  public static int gridIndex(int[] sizes, int... factors) {
    if (factors.length != sizes.length) {
      throw new IllegalArgumentException(
          "expected " + sizes.length + " factors, got " + Arrays.toString(factors));
    }
    int index = 0;
    for (int k = 0; k < sizes.length; k++) {
      index = index * sizes[k] + Objects.checkIndex(factors[k], sizes[k]);
    }
    return index;
  }

  private static int checkedWidth(List<String> names, int[] sizes) {
    if (names.size() != sizes.length || sizes.length == 0) {
      throw new IllegalArgumentException(
          "factors: expected one name per size, at least one, got "
              + names
              + " and "
              + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException(
            "factors: every size must be at least 1, got " + Arrays.toString(sizes));
      }
    }
    return sizes.length;
  }
}
