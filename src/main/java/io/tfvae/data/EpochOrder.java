package io.tfvae.data;

import java.util.SplittableRandom;

/**
 * Shuffled mini-batches without replacement: each epoch is a fresh permutation of all examples, cut
 * into {@code floor(count / batch)} batches (the remainder is left out of that epoch).
 *
 * <p>The permutation of epoch e is a Fisher–Yates shuffle driven by {@code SplittableRandom(seed)}
 * advanced to a stream for e, so the batch of any step is a pure function of (seed, step): a
 * resumed run sees exactly the batches an uninterrupted run would.
 */
public final class EpochOrder {
  private final int count;
  private final int batch;
  private final long seed;
  private long cachedEpoch = -1;
  private int[] permutation;

  /**
   * @param count number of examples
   * @param batch batch size, at most {@code count}
   * @param seed shuffle seed
   */
  public EpochOrder(int count, int batch, long seed) {
    if (batch <= 0 || batch > count) {
      throw new IllegalArgumentException(
          "batch size must be in 1.." + count + " for " + count + " examples, got " + batch);
    }
    this.count = count;
    this.batch = batch;
    this.seed = seed;
  }

  /** {@return batches in one epoch} */
  public int batchesPerEpoch() {
    return count / batch;
  }

  /**
   * Indices of the batch used at a step.
   *
   * @param step zero-based training step
   * @param dst destination of length {@code batch}
   */
  public void batch(long step, int[] dst) {
    long epoch = step / batchesPerEpoch();
    int pos = (int) (step % batchesPerEpoch()) * batch;
    if (epoch != cachedEpoch) {
      permutation = permutation(epoch);
      cachedEpoch = epoch;
    }
    System.arraycopy(permutation, pos, dst, 0, batch);
  }

  private int[] permutation(long epoch) {
    // Seeds of SplittableRandom that differ by its gamma give shifted copies of one stream, so
    // the epoch is mixed in through a 64-bit finalizer rather than added.
    SplittableRandom r = new SplittableRandom(mix64(seed) ^ mix64(epoch + 0x632BE59BD9B4E019L));
    int[] p = new int[count];
    for (int i = 0; i < count; i++) {
      p[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** MurmurHash3's 64-bit finalizer: a bijection that spreads every input bit. */
  static long mix64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
