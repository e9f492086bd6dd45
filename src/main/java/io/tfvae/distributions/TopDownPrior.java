package io.tfvae.distributions;

import io.tfvae.nn.Block;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The generative hierarchy's prior p(z_L) p(z_{L−1} | z_L) ... p(z_1 | z_2) over the code [z_1,
 * ..., z_L] of {@link StochasticLayers}: each conditional a network with a Gaussian head, p(z_L)
 * N(0, I) or a prior of its own on z_L (a mixture, a VampPrior).
 */
final class TopDownPrior implements Prior {
  private final int[] sizes;
  private final int total;
  private final List<Block> down;
  // p(z_L); null for N(0, I).
  private final Prior top;

  TopDownPrior(int[] sizes, List<Block> down, Prior top) {
    this.sizes = sizes.clone();
    this.total = Arrays.stream(sizes).sum();
    this.down = down;
    this.top = top;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    List<Operand<TFloat32>> layers = StochasticLayers.split(tf, z, sizes);
    int last = sizes.length - 1;
    Operand<TFloat32> zTop = layers.get(last);
    Operand<TFloat32> sum = top == null ? Gaussians.logStdNormal(tf, zTop) : top.logProb(tf, zTop);
    for (int l = 0; l < down.size(); l++) {
      sum =
          tf.math.add(
              sum,
              StochasticLayers.conditional(tf, down.get(l), layers.get(l + 1))
                  .logProb(tf, layers.get(l)));
    }
    return sum;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    Operand<TFloat32> eps =
        tf.random.statelessRandomNormal(tf.stack(List.of(n, tf.constant(total))), seed);
    List<Operand<TFloat32>> e = StochasticLayers.split(tf, eps, sizes);
    Operand<TFloat32>[] z = StochasticLayers.newArray(sizes.length);
    int last = sizes.length - 1;
    // A prior of its own on top draws with keys apart from the layers' noise (seed + (0, 1)).
    z[last] =
        top == null
            ? e.get(last)
            : top.sample(tf, n, tf.math.add(seed, tf.constant(new long[] {0, 1})));
    for (int l = last - 1; l >= 0; l--) {
      z[l] = StochasticLayers.conditional(tf, down.get(l), z[l + 1]).sample(tf, e.get(l));
    }
    return tf.concat(Arrays.asList(z), tf.constant(-1));
  }

  @Override
  public String describe() {
    String layers = "top-down Gaussians over stochastic layers " + Arrays.toString(sizes);
    return top == null ? layers : layers + " under a " + top.describe() + " on the top layer";
  }
}
