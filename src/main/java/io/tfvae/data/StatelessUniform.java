package io.tfvae.data;

/**
 * The numbers of TensorFlow's {@code StatelessRandomUniform} (float32) on the CPU, computed in
 * Java: element i of a draw under seed (s0, s1) equals element i of that op's output, bit for bit,
 * whatever the draw's shape.
 *
 * <p>TensorFlow's recipe (stateless_random_ops.cc, philox_random.h, random_distributions.h): the
 * seed is scrambled into a Philox4x32-10 key and counter by one Philox round trip; output group g
 * (elements 4g to 4g+3) is the generator skipped g times, and each 32-bit word becomes the float in
 * [0, 1) whose mantissa is its low 23 bits. Being counter-based, any element can be computed
 * without the ones before it, which is why the trainer can binarize only the pixels that need a
 * draw.
 */
public final class StatelessUniform {
  private static final int W32A = 0x9E3779B9;
  private static final int W32B = 0xBB67AE85;
  private static final long M4X32A = 0xD2511F53L;
  private static final long M4X32B = 0xCD9E8D57L;

  private final int key0;
  private final int key1;
  private final int counter0;
  private final int counter1;
  private final int counter2;
  private final int counter3;

  /**
   * @param seed0 the first word of the op's int64 [2] seed
   * @param seed1 the second
   */
  public StatelessUniform(long seed0, long seed1) {
    int[] mix =
        philox(
            0x3ec8f720,
            0x02461e29,
            (int) seed0,
            (int) (seed0 >>> 32),
            (int) seed1,
            (int) (seed1 >>> 32),
            new int[4]);
    key0 = mix[0];
    key1 = mix[1];
    counter0 = 0;
    counter1 = 0;
    counter2 = mix[2];
    counter3 = mix[3];
  }

  /**
   * The four floats of output group g, elements 4g to 4g+3 of any draw under this seed.
   *
   * @param group g
   * @param out receives them, length 4
   */
  public void group(long group, float[] out) {
    // The counter skipped g times: a 128-bit addition.
    int c0 = counter0 + (int) group;
    int hi = (int) (group >>> 32);
    if (Integer.compareUnsigned(c0, (int) group) < 0) {
      hi++;
    }
    int c1 = counter1 + hi;
    int c2 = counter2;
    int c3 = counter3;
    if (Integer.compareUnsigned(c1, hi) < 0) {
      c2++;
      if (c2 == 0) {
        c3++;
      }
    }
    // Philox4x32-10, unrolled by the JIT; no allocation, it runs for every grey pixel group.
    int k0 = key0;
    int k1 = key1;
    for (int round = 0; round < 10; round++) {
      long p0 = M4X32A * (c0 & 0xffffffffL);
      long p1 = M4X32B * (c2 & 0xffffffffL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
      k0 += W32A;
      k1 += W32B;
    }
    out[0] = toUnitFloat(c0);
    out[1] = toUnitFloat(c1);
    out[2] = toUnitFloat(c2);
    out[3] = toUnitFloat(c3);
  }

  /**
   * Element i of any draw under this seed.
   *
   * @param index i
   * @return the float in [0, 1)
   */
  public float at(long index) {
    float[] g = new float[4];
    group(index >>> 2, g);
    return g[(int) (index & 3)];
  }

  /** 1.m - 1 for the word's low 23 bits m, as TensorFlow's Uint32ToFloat. */
  private static float toUnitFloat(int word) {
    return Float.intBitsToFloat((127 << 23) | (word & 0x7fffff)) - 1.0f;
  }

  /** Philox4x32 with ten rounds of (key, counter), into out. */
  private static int[] philox(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
    for (int round = 0; round < 10; round++) {
      long p0 = M4X32A * (c0 & 0xffffffffL);
      long p1 = M4X32B * (c2 & 0xffffffffL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n1 = (int) p1;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      int n3 = (int) p0;
      c0 = n0;
      c1 = n1;
      c2 = n2;
      c3 = n3;
      k0 += W32A;
      k1 += W32B;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
    return out;
  }
}
