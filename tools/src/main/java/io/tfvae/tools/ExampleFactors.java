package io.tfvae.tools;

import io.tfvae.data.Factors;
import io.tfvae.tools.disentanglement.GroundTruth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A user's examples with their ground-truth factors as the metrics' ground truth. The observation
 * of a factor vector is one of the examples that carry exactly those factors, drawn from {@code
 * random}. When the examples hold every combination of the factors (a complete grid, as dSprites),
 * factors are drawn uniformly per factor, as disentanglement_lib draws them; otherwise they are the
 * factors of examples drawn uniformly, so every vector drawn has an example, and only the metrics
 * that read factors and codes of the same examples apply (MIG, DCI, SAP): the BetaVAE and FactorVAE
 * scores fix one factor and draw the others, which needs the complete grid.
 */
final class ExampleFactors implements GroundTruth {
  private final float[] pixels;
  private final int dim;
  private final Factors factors;
  private final int[] sizes;
  private final Map<Long, List<Integer>> examplesByKey = new HashMap<>();
  private final boolean complete;

  /**
   * @param pixels the examples as the model reads them, {@code count × dim}
   * @param dim one example's size
   * @param factors their factors, one row per example
   */
  ExampleFactors(float[] pixels, int dim, Factors factors) {
    this.pixels = pixels;
    this.dim = dim;
    this.factors = factors;
    this.sizes = factors.sizes();
    long combinations = 1;
    for (int s : sizes) {
      combinations = Math.multiplyExact(combinations, s);
    }
    int[] row = new int[sizes.length];
    for (int i = 0; i < factors.count(); i++) {
      for (int k = 0; k < row.length; k++) {
        row[k] = factors.factor(i, k);
      }
      examplesByKey.computeIfAbsent(key(row), x -> new ArrayList<>()).add(i);
    }
    this.complete = examplesByKey.size() == combinations;
  }

  /** {@return whether every combination of the factors has an example} */
  boolean complete() {
    return complete;
  }

  @Override
  public int factors() {
    return sizes.length;
  }

  @Override
  public int factorSize(int k) {
    return sizes[k];
  }

  @Override
  public String factorName(int k) {
    return factors.names().get(k);
  }

  @Override
  public int observationSize() {
    return dim;
  }

  @Override
  public int[][] sampleFactors(int n, SplittableRandom random) {
    if (complete) {
      return GroundTruth.super.sampleFactors(n, random);
    }
    int[][] f = new int[n][sizes.length];
    for (int i = 0; i < n; i++) {
      int example = random.nextInt(factors.count());
      for (int k = 0; k < sizes.length; k++) {
        f[i][k] = factors.factor(example, k);
      }
    }
    return f;
  }

  @Override
  public float[] observations(int[][] f, SplittableRandom random) {
    float[] out = new float[f.length * dim];
    for (int i = 0; i < f.length; i++) {
      List<Integer> examples = examplesByKey.get(key(f[i]));
      if (examples == null) {
        throw new IllegalStateException(
            "no example has the factors " + java.util.Arrays.toString(f[i]));
      }
      int e = examples.get(examples.size() == 1 ? 0 : random.nextInt(examples.size()));
      System.arraycopy(pixels, e * dim, out, i * dim, dim);
    }
    return out;
  }

  /** A factor vector's position in the grid of every combination (mixed radix, last fastest). */
  private long key(int[] row) {
    long key = 0;
    for (int k = 0; k < row.length; k++) {
      key = key * sizes[k] + row[k];
    }
    return key;
  }
}
