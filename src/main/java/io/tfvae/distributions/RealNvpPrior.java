package io.tfvae.distributions;

import io.tfvae.nn.Activation;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A flow prior (Dinh et al. 2017, RealNVP; as a VAE prior, Xu et al. 2019): z = f(u), u ~ N(0, I),
 * f a stack of affine coupling layers. Layer l keeps the first ⌊D/2⌋ coordinates x_a and moves the
 * others, y_b = x_b ⊙ exp(s_l(x_a)) + t_l(x_a), with [s, t] from an MLP of x_a ({@code
 * prior.coupling_l}) and s = tanh(·) for stability; the coordinates are reversed after each layer,
 * so every coordinate is moved. The density is exact: log p(z) = log N(f⁻¹(z); 0, I) − Σ_l Σ s_l,
 * the inverse taken layer by layer (x_b = (y_b − t) ⊙ exp(−s)). Needs D &gt;= 2.
 */
public final class RealNvpPrior implements Prior {
  private final int latentDim;
  private final int kept;
  private final List<Mlp> couplings = new ArrayList<>();
  private final int[] hidden;

  /**
   * Creates the coupling networks' variables.
   *
   * @param params the variable factory
   * @param latentDim D &gt;= 2
   * @param layers the number of coupling layers
   * @param hidden each coupling network's hidden widths
   */
  public RealNvpPrior(Parameters params, int latentDim, int layers, int[] hidden) {
    if (latentDim < 2) {
      throw new IllegalArgumentException(
          "real_nvp prior: needs latent_dim >= 2 (a coupling layer moves half), got " + latentDim);
    }
    this.latentDim = latentDim;
    this.kept = latentDim / 2;
    this.hidden = hidden.clone();
    int moved = latentDim - kept;
    for (int l = 0; l < layers; l++) {
      couplings.add(
          new Mlp(params, "prior.coupling_" + l, kept, hidden, 2 * moved, Activation.ELU));
    }
  }

  /** A point and the log-determinant of the flow's Jacobian at it. */
  record Flowed(Operand<TFloat32> value, Operand<TFloat32> logDet) {}

  /**
   * z = f(u) and log |det ∂f/∂u|, for u of shape [n, D].
   *
   * @param tf ops
   * @param u base points
   * @return z and the log-determinant, [n]
   */
  Flowed forward(Ops tf, Operand<TFloat32> u) {
    Operand<TFloat32> x = u;
    Operand<TFloat32> logDet = null;
    for (Mlp net : couplings) {
      Operand<TFloat32> xa = columns(tf, x, 0, kept);
      Operand<TFloat32> xb = columns(tf, x, kept, latentDim);
      Operand<TFloat32>[] st = scaleAndShift(tf, net, xa);
      Operand<TFloat32> yb = tf.math.add(tf.math.mul(xb, tf.math.exp(st[0])), st[1]);
      x = reverse(tf, tf.concat(List.of(xa, yb), tf.constant(1)));
      Operand<TFloat32> step = tf.reduceSum(st[0], tf.constant(1));
      logDet = logDet == null ? step : tf.math.add(logDet, step);
    }
    return new Flowed(x, logDet);
  }

  /**
   * u = f⁻¹(z) and log |det ∂f/∂u| at that u, for z of shape [n, D].
   *
   * @param tf ops
   * @param z points
   * @return u and the log-determinant, [n]
   */
  Flowed inverse(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> y = z;
    Operand<TFloat32> logDet = null;
    for (int l = couplings.size() - 1; l >= 0; l--) {
      y = reverse(tf, y);
      Operand<TFloat32> ya = columns(tf, y, 0, kept);
      Operand<TFloat32> yb = columns(tf, y, kept, latentDim);
      Operand<TFloat32>[] st = scaleAndShift(tf, couplings.get(l), ya);
      Operand<TFloat32> xb = tf.math.mul(tf.math.sub(yb, st[1]), tf.math.exp(tf.math.neg(st[0])));
      y = tf.concat(List.of(ya, xb), tf.constant(1));
      Operand<TFloat32> step = tf.reduceSum(st[0], tf.constant(1));
      logDet = logDet == null ? step : tf.math.add(logDet, step);
    }
    return new Flowed(y, logDet);
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    // Any leading axes ([m, batch, D] under IWAE): the couplings read [n, D].
    Operand<TInt32> leading =
        tf.slice(
            tf.shape(z),
            tf.constant(new int[] {0}),
            tf.constant(new int[] {z.shape().numDimensions() - 1}));
    Flowed u = inverse(tf, tf.reshape(z, tf.constant(new int[] {-1, latentDim})));
    Operand<TFloat32> flat = tf.math.sub(Gaussians.logStdNormal(tf, u.value()), u.logDet());
    return tf.reshape(flat, leading);
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    Operand<TFloat32> u =
        tf.random.statelessRandomNormal(
            tf.stack(List.of(n, tf.constant(latentDim))), seed, TFloat32.class);
    return forward(tf, u).value();
  }

  @Override
  public String describe() {
    return "RealNVP flow prior, "
        + couplings.size()
        + " affine coupling layers (hidden "
        + java.util.Arrays.toString(hidden)
        + ", elu, tanh scale) on N(0, I)";
  }

  /** [s, t] of a coupling network, s = tanh of its first half. */
  @SuppressWarnings("unchecked")
  private Operand<TFloat32>[] scaleAndShift(Ops tf, Mlp net, Operand<TFloat32> xa) {
    Operand<TFloat32> h = net.apply(tf, xa);
    int moved = latentDim - kept;
    return new Operand[] {tf.math.tanh(columns(tf, h, 0, moved)), columns(tf, h, moved, 2 * moved)};
  }

  /** Columns [from, to) of a [n, k] matrix. */
  private static Operand<TFloat32> columns(Ops tf, Operand<TFloat32> x, int from, int to) {
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return tf.gather(x, tf.constant(idx), tf.constant(1));
  }

  private static Operand<TFloat32> reverse(Ops tf, Operand<TFloat32> x) {
    return tf.reverse(x, tf.constant(new int[] {1}));
  }
}
