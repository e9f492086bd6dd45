package io.tfvae.distributions;

import io.tfvae.nn.Block;
import io.tfvae.nn.BlockSpec;
import io.tfvae.nn.Blocks;
import io.tfvae.nn.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Stochastic layers z_1 .. z_L (Burda et al. 2016, section 5): the generative model p(z_L)
 * p(z_{L−1} | z_L) ... p(z_1 | z_2) p(x | z_1) and the bottom-up inference q(z_1 | x) q(z_2 | z_1)
 * ... q(z_L | z_{L−1}). Each conditional is a network block with a diagonal-Gaussian head (its
 * output [μ, h_σ] read as {@link DiagonalGaussian#fromNetworkOutput}); p(z_L) is N(0, I). The
 * model's code is z = [z_1, ..., z_L]; the decoder reads z_1 ({@link #decoderInput}). Both
 * densities are exact at any z, so −IWAE-m uses the whole hierarchy's log densities, and the KL of
 * the ELBO is Monte-Carlo.
 */
public final class StochasticLayers {
  private final int[] sizes;
  private final int total;

  /**
   * The layers' sizes.
   *
   * @param sizes d_1 (the layer the decoder reads) .. d_L, at least two, each ≥ 1
   */
  public StochasticLayers(int... sizes) {
    if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException(
          "stochastic layers: expected two or more sizes >= 1, got " + Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
    this.total = Arrays.stream(sizes).sum();
  }

  /** {@return d_1 .. d_L} */
  public int[] sizes() {
    return sizes.clone();
  }

  /** {@return the code's width, d_1 + ... + d_L} */
  public int latentDim() {
    return total;
  }

  /**
   * The bottom-up posterior q(z_1 | x) q(z_2 | z_1) ...: the encoder gives q(z_1 | x)'s [μ, h_σ] (2
   * d_1 values); {@code up.get(l)} maps z_{l+1} to q(z_{l+2} | z_{l+1})'s (2 d_{l+2} values).
   *
   * @param up L − 1 network recipes, bottom first
   * @return the family
   */
  public PosteriorFamily posterior(List<BlockSpec> up) {
    checkCount(up, "up");
    return new Posteriors(up, null);
  }

  /**
   * The top-down prior p(z_L) p(z_{L−1} | z_L) ...: {@code down.get(l)} maps z_{l+2} to p(z_{l+1} |
   * z_{l+2})'s [μ, h_σ] (2 d_{l+1} values).
   *
   * @param down L − 1 network recipes, bottom first
   * @return the factory
   */
  public PriorFactory prior(List<BlockSpec> down) {
    checkCount(down, "down");
    return (params, latentDim, encoder) -> {
      checkWidth(latentDim);
      List<Block> nets = new ArrayList<>();
      for (int l = 0; l + 1 < sizes.length; l++) {
        nets.add(
            checked(
                down.get(l).create(params, "prior.down_" + l, Shape.of(sizes[l + 1])),
                2 * sizes[l]));
      }
      return new TopDownPrior(nets);
    };
  }

  /**
   * A decoder recipe that reads z_1 of the whole code: [z_1 .. z_L] → decoder(z_1).
   *
   * @param decoder the recipe of p(x | z_1)'s network, on input [d_1]
   * @return the recipe on input [d_1 + ... + d_L]
   */
  public BlockSpec decoderInput(BlockSpec decoder) {
    return (params, name, input) -> {
      checkWidth(Math.toIntExact(input.get(0)));
      Block inner = decoder.create(params, name, Shape.of(sizes[0]));
      return new FirstLayer(inner, total, sizes[0]);
    };
  }

  private void checkCount(List<BlockSpec> nets, String what) {
    if (nets.size() != sizes.length - 1) {
      throw new IllegalArgumentException(
          "stochastic layers: expected "
              + (sizes.length - 1)
              + " "
              + what
              + " networks for "
              + sizes.length
              + " layers, got "
              + nets.size());
    }
  }

  private void checkWidth(int latentDim) {
    if (latentDim != total) {
      throw new IllegalArgumentException(
          "stochastic layers: latent_dim must be "
              + total
              + " (the layers "
              + Arrays.toString(sizes)
              + " together), got "
              + latentDim);
    }
  }

  private static Block checked(Block b, int width) {
    if (!b.outputShape().equals(Shape.of(width))) {
      throw new IllegalArgumentException(
          b.name()
              + ": outputs "
              + b.outputShape()
              + ", expected ["
              + width
              + "] (a Gaussian head)");
    }
    return b;
  }

  /** The code split into its layers, along the last axis. */
  private List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> z) {
    long[] widths = Arrays.stream(sizes).mapToLong(d -> d).toArray();
    return List.copyOf(
        tf.splitV(z, tf.constant(widths), tf.constant(-1), (long) sizes.length).output());
  }

  /** The bottom-up family; {@code up} holds the built networks once created. */
  private final class Posteriors implements PosteriorFamily {
    private final List<BlockSpec> recipes;
    private final List<Block> up;

    Posteriors(List<BlockSpec> recipes, List<Block> up) {
      this.recipes = recipes;
      this.up = up;
    }

    @Override
    public PosteriorFamily create(Parameters params, String name, int latentDim) {
      checkWidth(latentDim);
      List<Block> nets = new ArrayList<>();
      for (int l = 0; l + 1 < sizes.length; l++) {
        nets.add(
            checked(
                recipes.get(l).create(params, name + ".up_" + l, Shape.of(sizes[l])),
                2 * sizes[l + 1]));
      }
      return new Posteriors(recipes, nets);
    }

    @Override
    public int parameterWidth(int latentDim) {
      return 2 * sizes[0];
    }

    @Override
    public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
      if (up == null) {
        throw new IllegalStateException(
            "stochastic layers: create(...) builds the posterior first");
      }
      return new BottomUp(DiagonalGaussian.fromNetworkOutput(tf, h), up);
    }

    @Override
    public Operand<TFloat32> noise(
        Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
      return DiagonalGaussian.FAMILY.noise(tf, leadingShape, latentDim, seed);
    }

    @Override
    public String describe() {
      return "bottom-up Gaussians over stochastic layers " + Arrays.toString(sizes);
    }
  }

  /** q(z_1 | x) q(z_2 | z_1) ... of one batch. */
  private final class BottomUp implements Posterior {
    private final DiagonalGaussian first;
    private final List<Block> up;

    BottomUp(DiagonalGaussian first, List<Block> up) {
      this.first = first;
      this.up = up;
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> noise) {
      List<Operand<TFloat32>> eps = split(tf, noise);
      List<Operand<TFloat32>> z = new ArrayList<>();
      z.add(first.sample(tf, eps.get(0)));
      for (int l = 0; l < up.size(); l++) {
        z.add(conditional(tf, up.get(l), z.get(l)).sample(tf, eps.get(l + 1)));
      }
      return tf.concat(z, tf.constant(-1));
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
      List<Operand<TFloat32>> layers = split(tf, z);
      Operand<TFloat32> sum = first.logProb(tf, layers.get(0));
      for (int l = 0; l < up.size(); l++) {
        sum =
            tf.math.add(
                sum, conditional(tf, up.get(l), layers.get(l)).logProb(tf, layers.get(l + 1)));
      }
      return sum;
    }

    @Override
    public Map<String, Operand<TFloat32>> describe(Ops tf) {
      // The bottom layer's Gaussian, the one the decoder reads; the layers above depend on a draw.
      Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
      out.put("z1_mean", first.mean());
      out.put("z1_variance", first.variance());
      return out;
    }
  }

  /** p(z_L) p(z_{L−1} | z_L) ... . */
  private final class TopDownPrior implements Prior {
    private final List<Block> down;

    TopDownPrior(List<Block> down) {
      this.down = down;
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
      List<Operand<TFloat32>> layers = split(tf, z);
      int top = sizes.length - 1;
      Operand<TFloat32> sum = Gaussians.logStdNormal(tf, layers.get(top));
      for (int l = 0; l < down.size(); l++) {
        sum =
            tf.math.add(
                sum, conditional(tf, down.get(l), layers.get(l + 1)).logProb(tf, layers.get(l)));
      }
      return sum;
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
      Operand<TFloat32> eps =
          tf.random.statelessRandomNormal(tf.stack(List.of(n, tf.constant(total))), seed);
      List<Operand<TFloat32>> e = split(tf, eps);
      Operand<TFloat32>[] z = newArray(sizes.length);
      int top = sizes.length - 1;
      z[top] = e.get(top);
      for (int l = top - 1; l >= 0; l--) {
        z[l] = conditional(tf, down.get(l), z[l + 1]).sample(tf, e.get(l));
      }
      return tf.concat(Arrays.asList(z), tf.constant(-1));
    }

    @Override
    public String describe() {
      return "top-down Gaussians over stochastic layers " + Arrays.toString(sizes);
    }
  }

  /** The Gaussian a conditional network gives at its input (leading sample axes allowed). */
  private static DiagonalGaussian conditional(Ops tf, Block net, Operand<TFloat32> input) {
    return DiagonalGaussian.fromNetworkOutput(tf, Blocks.applyToRows(tf, net, input));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }

  /** A decoder that reads the first d_1 values of the code. */
  private static final class FirstLayer implements Block {
    private final Block inner;
    private final int total;
    private final int first;

    FirstLayer(Block inner, int total, int first) {
      this.inner = inner;
      this.total = total;
      this.first = first;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Shape inputShape() {
      return Shape.of(total);
    }

    @Override
    public Shape outputShape() {
      return inner.outputShape();
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      Operand<TFloat32> z1 =
          tf.slice(x, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, first}));
      return inner.apply(tf, z1);
    }

    @Override
    public long multiplyAdds() {
      return inner.multiplyAdds();
    }

    @Override
    public String kind() {
      return "z_1 (the first " + first + " of " + total + " code values), then " + inner.kind();
    }

    @Override
    public List<Block> parts() {
      return List.of(inner);
    }
  }
}
