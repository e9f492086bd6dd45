package io.tfvae.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which training examples are held out for validation ({@code data.validation_images}): the last N,
 * or N drawn with a seed. The draw: {@code java.util.SplittableRandom(seed)} runs the first N steps
 * of a Fisher–Yates shuffle of 0..count−1 (step i swaps place i with place i + nextInt(count − i));
 * the first N places, ascending, are held out. It depends only on (count, N, seed), so the trainer
 * and the tools carve the same split in any process.
 *
 * @param images N, or 0 for none
 * @param seeded whether N are drawn (else the last N are taken)
 * @param seed the draw's seed
 */
public record ValidationSplit(int images, boolean seeded, long seed) {
  /** No examples held out. */
  public static final ValidationSplit NONE = new ValidationSplit(0, false, 0);

  /**
   * The last N examples.
   *
   * @param images N
   * @return the split
   */
  public static ValidationSplit last(int images) {
    return new ValidationSplit(images, false, 0);
  }

  /**
   * The held-out examples' indices.
   *
   * @param count the training split's size
   * @return N indices, ascending
   * @throws DataException when N is not below the count
   */
  public int[] heldOut(int count) {
    if (images >= count) {
      throw new DataException(
          "data.validation_images: expected fewer than the "
              + count
              + " training examples, got "
              + images);
    }
    if (!seeded) {
      int[] last = new int[images];
      Arrays.setAll(last, i -> count - images + i);
      return last;
    }
    int[] order = new int[count];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < images; i++) {
      int j = i + random.nextInt(count - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] held = Arrays.copyOf(order, images);
    Arrays.sort(held);
    return held;
  }

  /**
   * The examples training reads.
   *
   * @param all the whole training split
   * @return all but the held-out ones, in their order (a view)
   */
  public ImageSet training(ImageSet all) {
    if (images == 0) {
      return all;
    }
    return all.rows(ImageSet.complement(heldOut(all.count()), all.count()));
  }

  /**
   * The validation examples.
   *
   * @param all the whole training split
   * @return the held-out ones, with their labels, in their order (a view)
   */
  public ImageSet validation(ImageSet all) {
    return all.rows(heldOut(all.count()));
  }

  /** {@return how the manifest names the carving: {@code seeded} or {@code last}} */
  public String carving() {
    return seeded ? "seeded" : "last";
  }

  /** {@return the split in words, for messages} */
  @Override
  public String toString() {
    return seeded
        ? images + " examples drawn with seed " + seed
        : "the last " + images + " examples";
  }
}
