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
 * the ELBO is Monte-Carlo. The bottom-up inference's top layer q(z_L | z_{L−1}) may be any
 * posterior family on a Gaussian, an inverse autoregressive flow for one, and the top of the prior
 * any prior on z_L, a mixture or a VampPrior for one.
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
    return posterior(up, DiagonalGaussian.FAMILY);
  }

  /**
   * The bottom-up posterior with another family for the top layer: the last {@code up} network maps
   * z_{L−1} to {@code top}'s parameters ({@code top.parameterWidth(d_L)} values, for an inverse
   * autoregressive flow the Gaussian's and the context), the layers below stay Gaussian.
   *
   * @param up L − 1 network recipes, bottom first
   * @param top the family of q(z_L | z_{L−1}), drawing standard normal noise of width d_L
   * @return the family
   */
  public PosteriorFamily posterior(List<BlockSpec> up, PosteriorFamily top) {
    checkCount(up, "up");
    return new Posteriors(up, top, null, null);
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
      return new TopDownPrior(sizes, down(params, down), null);
    };
  }

  /**
   * The top-down prior with another p(z_L): {@code top} is created on z_L alone, and its encoder
   * (for a VampPrior, the posterior at its pseudo-inputs) gives q(z_L | x) of the model's
   * inference: the ladder's top Gaussian, or for the bottom-up inference q(z_L | z_{L−1}) along the
   * means of the layers below (the marginal over z_{L−1} has no closed form; this keeps the prior
   * exact and normalised).
   *
   * @param down L − 1 network recipes, bottom first
   * @param top the factory of p(z_L)
   * @return the factory
   */
  public PriorFactory prior(List<BlockSpec> down, PriorFactory top) {
    checkCount(down, "down");
    int dTop = sizes[sizes.length - 1];
    return (params, latentDim, encoder) -> {
      checkWidth(latentDim);
      Encoder topEncoder =
          (tf, x) -> {
            Posterior q = encoder.encode(tf, x);
            if (!(q instanceof HasTopLayer layered)) {
              throw new IllegalArgumentException(
                  "stochastic layers: the top layer's prior needs the layers' own posterior, got "
                      + q.getClass().getSimpleName());
            }
            return layered.topLayer(tf);
          };
      return new TopDownPrior(sizes, down(params, down), top.create(params, dTop, topEncoder));
    };
  }

  /** A posterior over the layers that can say what it gives the top layer alone. */
  private interface HasTopLayer {
    /** q(z_L | x), the top layer's posterior (see {@link #prior(List, PriorFactory)}). */
    Posterior topLayer(Ops tf);
  }

  /**
   * The prior's networks in the graph of {@code params}, built once: the ladder posterior runs its
   * top-down pass through the same networks, so both ask the graph for the one copy.
   */
  private List<Block> down(Parameters params, List<BlockSpec> recipes) {
    return params
        .sharedPart("prior.down", DownNetworks.class, () -> buildDown(params, recipes))
        .nets();
  }

  /** The networks of p(z_l | z_{l+1}), bottom first. */
  private record DownNetworks(List<Block> nets) {}

  private DownNetworks buildDown(Parameters params, List<BlockSpec> recipes) {
    List<Block> nets = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      nets.add(
          checked(
              recipes.get(l).create(params, "prior.down_" + l, Shape.of(sizes[l + 1])),
              2 * sizes[l]));
    }
    return new DownNetworks(List.copyOf(nets));
  }

  /**
   * The ladder posterior (Sønderby et al. 2016): a deterministic bottom-up pass gives each layer a
   * Gaussian (μ̂_l, σ̂_l²) — the encoder's for z_1, {@code up.get(l)} of the layer below's [μ̂,
   * h_σ] for z_{l+2} — and inference runs top-down through the prior's own networks: q(z_L | x) is
   * the top Gaussian, and q(z_l | z_{l+1}, x) the precision-weighted merge of (μ̂_l, σ̂_l²) with
   * p(z_l | z_{l+1}): σ_q² = 1 / (σ̂⁻² + σ_p⁻²), μ_q = σ_q² (μ̂ σ̂⁻² + μ_p σ_p⁻²).
   *
   * @param up L − 1 recipes, each from a layer's 2 d_l bottom-up parameters to the next's 2 d_{l+1}
   * @param down the prior's recipes ({@link #prior} must be given the same list)
   * @return the family
   */
  public PosteriorFamily ladderPosterior(List<BlockSpec> up, List<BlockSpec> down) {
    checkCount(up, "up");
    checkCount(down, "down");
    return new Ladder(up, down, null, null);
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
      return new FirstLayerDecoder(inner, total, sizes[0]);
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
    return split(tf, z, sizes);
  }

  /** A code split into layers of the given sizes, along the last axis. */
  static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> z, int[] sizes) {
    long[] widths = Arrays.stream(sizes).mapToLong(d -> d).toArray();
    return List.copyOf(
        tf.splitV(z, tf.constant(widths), tf.constant(-1), (long) sizes.length).output());
  }

  /**
   * What the two inference orders share: the encoder gives z_1's Gaussian, the noise is N(0, I).
   */
  private abstract class LayeredFamily implements PosteriorFamily {
    @Override
    public int parameterWidth(int latentDim) {
      return 2 * sizes[0];
    }

    @Override
    public int[] layers(int latentDim) {
      return sizes.clone();
    }

    @Override
    public Operand<TFloat32> noise(
        Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
      return DiagonalGaussian.FAMILY.noise(tf, leadingShape, latentDim, seed);
    }

    void requireBuilt(List<Block> up) {
      if (up == null) {
        throw new IllegalStateException(
            "stochastic layers: create(...) builds the posterior first");
      }
    }

    /**
     * The upward networks, each from {@code perUnit} × d_l values of layer l to 2 d_{l+1} (the
     * bottom-up family reads z_l, the ladder the Gaussian parameters of layer l); the top one to
     * {@code topWidth} values.
     */
    List<Block> up(
        Parameters params, String name, List<BlockSpec> recipes, int perUnit, int topWidth) {
      List<Block> nets = new ArrayList<>();
      for (int l = 0; l + 1 < sizes.length; l++) {
        int width = l + 2 == sizes.length ? topWidth : 2 * sizes[l + 1];
        nets.add(
            checked(
                recipes.get(l).create(params, name + ".up_" + l, Shape.of(perUnit * sizes[l])),
                width));
      }
      return nets;
    }
  }

  /** The bottom-up family; {@code up} and {@code builtTop} hold the built networks once created. */
  private final class Posteriors extends LayeredFamily {
    private final List<BlockSpec> recipes;
    private final PosteriorFamily top;
    private final List<Block> up;
    private final PosteriorFamily builtTop;

    Posteriors(
        List<BlockSpec> recipes, PosteriorFamily top, List<Block> up, PosteriorFamily builtTop) {
      this.recipes = recipes;
      this.top = top;
      this.up = up;
      this.builtTop = builtTop;
    }

    @Override
    public PosteriorFamily create(Parameters params, String name, int latentDim) {
      checkWidth(latentDim);
      int dTop = sizes[sizes.length - 1];
      return new Posteriors(
          recipes,
          top,
          up(params, name, recipes, 1, top.parameterWidth(dTop)),
          top.create(params, name + ".top", dTop));
    }

    @Override
    public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
      requireBuilt(up);
      return new BottomUp(DiagonalGaussian.fromNetworkOutput(tf, h), up, builtTop);
    }

    @Override
    public String describe() {
      String layers = "bottom-up Gaussians over stochastic layers " + Arrays.toString(sizes);
      return top == DiagonalGaussian.FAMILY
          ? layers
          : layers + ", the top layer's posterior an " + top.describe();
    }
  }

  /** q(z_1 | x) q(z_2 | z_1) ... of one batch. */
  private final class BottomUp implements Posterior, HasTopLayer {
    private final DiagonalGaussian first;
    private final List<Block> up;
    private final PosteriorFamily top;
    // log q of the samples this posterior drew, by the sample's operand: a flow on the top layer
    // knows its own samples' density, and would otherwise be inverted to find it again.
    private final Map<Operand<TFloat32>, Operand<TFloat32>> drawn =
        new java.util.IdentityHashMap<>();

    BottomUp(DiagonalGaussian first, List<Block> up, PosteriorFamily top) {
      this.first = first;
      this.up = up;
      this.top = top;
    }

    /** q(z_{l+2} | z_{l+1}): a Gaussian, or the top layer's family. */
    private Posterior layerAbove(Ops tf, int l, Operand<TFloat32> below) {
      Operand<TFloat32> h = Blocks.applyToRows(tf, up.get(l), below);
      return l + 1 == up.size()
          ? top.fromNetworkOutput(tf, h)
          : DiagonalGaussian.fromNetworkOutput(tf, h);
    }

    /** q(z_L | z_{L−1}) with every layer below at its Gaussian's mean. */
    @Override
    public Posterior topLayer(Ops tf) {
      Operand<TFloat32> below = first.mean();
      for (int l = 0; l + 1 < up.size(); l++) {
        below = ((DiagonalGaussian) layerAbove(tf, l, below)).mean();
      }
      return layerAbove(tf, up.size() - 1, below);
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> noise) {
      List<Operand<TFloat32>> eps = split(tf, noise);
      List<Operand<TFloat32>> z = new ArrayList<>();
      z.add(first.sample(tf, eps.get(0)));
      Operand<TFloat32> logQ = first.logProb(tf, z.get(0));
      for (int l = 0; l < up.size(); l++) {
        Posterior q = layerAbove(tf, l, z.get(l));
        z.add(q.sample(tf, eps.get(l + 1)));
        logQ = tf.math.add(logQ, q.logProb(tf, z.get(l + 1)));
      }
      Operand<TFloat32> sample = tf.concat(z, tf.constant(-1));
      drawn.put(sample, logQ);
      return sample;
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
      Operand<TFloat32> known = drawn.get(z);
      if (known != null) {
        return known;
      }
      List<Operand<TFloat32>> layers = split(tf, z);
      Operand<TFloat32> sum = first.logProb(tf, layers.get(0));
      for (int l = 0; l < up.size(); l++) {
        sum = tf.math.add(sum, layerAbove(tf, l, layers.get(l)).logProb(tf, layers.get(l + 1)));
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

  /** The ladder family; {@code up} and {@code down} hold the built networks once created. */
  private final class Ladder extends LayeredFamily {
    private final List<BlockSpec> upRecipes;
    private final List<BlockSpec> downRecipes;
    private final List<Block> up;
    private final List<Block> down;

    Ladder(
        List<BlockSpec> upRecipes, List<BlockSpec> downRecipes, List<Block> up, List<Block> down) {
      this.upRecipes = upRecipes;
      this.downRecipes = downRecipes;
      this.up = up;
      this.down = down;
    }

    @Override
    public PosteriorFamily create(Parameters params, String name, int latentDim) {
      checkWidth(latentDim);
      return new Ladder(
          upRecipes,
          downRecipes,
          up(params, name, upRecipes, 2, 2 * sizes[sizes.length - 1]),
          down(params, downRecipes));
    }

    @Override
    public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
      requireBuilt(up);
      // The bottom-up pass: each layer's Gaussian from the parameters of the layer below.
      List<DiagonalGaussian> bottomUp = new ArrayList<>();
      Operand<TFloat32> params = h;
      bottomUp.add(DiagonalGaussian.fromNetworkOutput(tf, params));
      for (Block net : up) {
        params = net.apply(tf, params);
        bottomUp.add(DiagonalGaussian.fromNetworkOutput(tf, params));
      }
      return new TopDown(bottomUp, down);
    }

    @Override
    public String describe() {
      return "ladder (top-down, precision-weighted) Gaussians over stochastic layers "
          + Arrays.toString(sizes);
    }
  }

  /** q(z_L | x) q(z_{L−1} | z_L, x) ... of one batch. */
  private final class TopDown implements Posterior, HasTopLayer {
    private final List<DiagonalGaussian> bottomUp;
    private final List<Block> down;

    TopDown(List<DiagonalGaussian> bottomUp, List<Block> down) {
      this.bottomUp = bottomUp;
      this.down = down;
    }

    /** q(z_L | x): the top layer's bottom-up Gaussian. */
    @Override
    public Posterior topLayer(Ops tf) {
      return bottomUp.get(sizes.length - 1);
    }

    /** q of layer l given the layer above (the top layer's is its bottom-up Gaussian). */
    private DiagonalGaussian layer(Ops tf, int l, Operand<TFloat32> above) {
      DiagonalGaussian g = bottomUp.get(l);
      if (above == null) {
        return g;
      }
      DiagonalGaussian p = conditional(tf, down.get(l), above);
      Operand<TFloat32> precisionG = tf.math.reciprocal(g.variance());
      Operand<TFloat32> precisionP = tf.math.reciprocal(p.variance());
      Operand<TFloat32> variance = tf.math.reciprocal(tf.math.add(precisionG, precisionP));
      Operand<TFloat32> mean =
          tf.math.mul(
              variance,
              tf.math.add(tf.math.mul(g.mean(), precisionG), tf.math.mul(p.mean(), precisionP)));
      return new DiagonalGaussian(mean, variance);
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> noise) {
      List<Operand<TFloat32>> eps = split(tf, noise);
      Operand<TFloat32>[] z = newArray(sizes.length);
      Operand<TFloat32> above = null;
      for (int l = sizes.length - 1; l >= 0; l--) {
        z[l] = layer(tf, l, above).sample(tf, eps.get(l));
        above = z[l];
      }
      return tf.concat(Arrays.asList(z), tf.constant(-1));
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
      List<Operand<TFloat32>> layers = split(tf, z);
      int top = sizes.length - 1;
      Operand<TFloat32> sum = layer(tf, top, null).logProb(tf, layers.get(top));
      for (int l = top - 1; l >= 0; l--) {
        sum = tf.math.add(sum, layer(tf, l, layers.get(l + 1)).logProb(tf, layers.get(l)));
      }
      return sum;
    }

    @Override
    public Map<String, Operand<TFloat32>> describe(Ops tf) {
      // The bottom layer's bottom-up Gaussian, before its merge with the top-down pass.
      Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
      out.put("z1_bottom_up_mean", bottomUp.get(0).mean());
      out.put("z1_bottom_up_variance", bottomUp.get(0).variance());
      return out;
    }
  }

  /** The Gaussian a conditional network gives at its input (leading sample axes allowed). */
  static DiagonalGaussian conditional(Ops tf, Block net, Operand<TFloat32> input) {
    return DiagonalGaussian.fromNetworkOutput(tf, Blocks.applyToRows(tf, net, input));
  }

  @SuppressWarnings("unchecked")
  static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }
}
