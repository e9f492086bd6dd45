package io.tfvae.distributions;

import io.tfvae.nn.Made;
import io.tfvae.nn.Parameters;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * An inverse autoregressive flow posterior (Kingma et al. 2016): the encoder outputs μ, the
 * Gaussian's variance parameter and a context h; z_0 = μ + σ ⊙ ε, then K steps, each reversing the
 * order of z (from the second on) and applying z ← σ_t ⊙ z + (1 − σ_t) ⊙ m_t with [m_t, s_t] =
 * MADE_t(z, h) and σ_t = sigmoid(s_t). log q(z_K | x) = log N(z_0; μ, σ²) − Σ_t Σ_i log σ_t,i: the
 * Jacobian of each step is triangular with diagonal σ_t.
 *
 * <p>The density of the flow's own samples comes with them; at any other z (the {@code
 * log_posterior} signature, ELBO surgery) the flow is inverted, D passes of each MADE, since
 * coordinate i of a step's input is fixed once coordinates 0..i−1 are.
 */
public final class InverseAutoregressiveFlow implements PosteriorFamily {
  /**
   * Added to s at the start, so that σ_t = sigmoid(s) starts near 0.88 and a step near identity.
   */
  public static final float S_BIAS = 2f;

  private final int steps;
  private final int[] hidden;
  private final int context;
  private final List<Made> made;

  private InverseAutoregressiveFlow(int steps, int[] hidden, int context, List<Made> made) {
    this.steps = steps;
    this.hidden = hidden.clone();
    this.context = context;
    this.made = made;
  }

  /**
   * The family's recipe; {@link #create} builds its networks into a graph.
   *
   * @param steps K, at least 1
   * @param hidden each MADE's hidden layer widths
   * @param context the context's width, from the encoder
   * @return the family
   */
  public static InverseAutoregressiveFlow of(int steps, int[] hidden, int context) {
    if (steps < 1 || hidden.length == 0 || context < 0) {
      throw new IllegalArgumentException(
          "iaf: expected steps >= 1, a hidden layer and context >= 0, got steps "
              + steps
              + ", hidden "
              + java.util.Arrays.toString(hidden)
              + ", context "
              + context);
    }
    return new InverseAutoregressiveFlow(steps, hidden, context, null);
  }

  @Override
  public PosteriorFamily create(Parameters params, String name, int latentDim) {
    List<Made> nets = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      nets.add(new Made(params, name + ".iaf_" + t, latentDim, context, hidden, S_BIAS));
    }
    return new InverseAutoregressiveFlow(steps, hidden, context, nets);
  }

  @Override
  public int parameterWidth(int latentDim) {
    return 2 * latentDim + context;
  }

  @Override
  public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
    if (made == null) {
      throw new IllegalStateException("iaf: create(params, name, latentDim) builds the flow first");
    }
    long width = h.shape().get(-1);
    long d = (width - context) / 2;
    List<? extends Operand<TFloat32>> parts =
        tf.splitV(h, tf.constant(new long[] {2 * d, context}), tf.constant(-1), 2L).output();
    DiagonalGaussian base = DiagonalGaussian.fromNetworkOutput(tf, parts.get(0));
    return new Flow(base, context == 0 ? null : parts.get(1));
  }

  @Override
  public Operand<TFloat32> noise(
      Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
    return DiagonalGaussian.FAMILY.noise(tf, leadingShape, latentDim, seed);
  }

  @Override
  public String describe() {
    return "inverse autoregressive flow, "
        + steps
        + " steps of MADE (hidden "
        + java.util.Arrays.toString(hidden)
        + ", elu, context "
        + context
        + ") on a diagonal Gaussian";
  }

  /** The flow on one batch's Gaussian and context. */
  private final class Flow implements Posterior {
    private final DiagonalGaussian base;
    private final Operand<TFloat32> h;
    // log q of the samples this posterior drew, by the sample's operand.
    private final Map<Operand<TFloat32>, Operand<TFloat32>> drawn = new IdentityHashMap<>();

    Flow(DiagonalGaussian base, Operand<TFloat32> h) {
      this.base = base;
      this.h = h;
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> noise) {
      Operand<TFloat32> z = base.sample(tf, noise);
      Operand<TFloat32> logQ = base.logProb(tf, z);
      for (int t = 0; t < steps; t++) {
        if (t > 0) {
          z = tf.reverse(z, tf.constant(new int[] {-1}));
        }
        List<Operand<TFloat32>> ms = made.get(t).apply(tf, z, h);
        Operand<TFloat32> sigma = tf.math.sigmoid(ms.get(1));
        z =
            tf.math.add(
                tf.math.mul(sigma, z), tf.math.mul(tf.math.sub(tf.constant(1f), sigma), ms.get(0)));
        logQ = tf.math.sub(logQ, sumLogSigmoid(tf, ms.get(1)));
      }
      drawn.put(z, logQ);
      return z;
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
      Operand<TFloat32> known = drawn.get(z);
      if (known != null) {
        return known;
      }
      int d = Math.toIntExact(z.shape().get(-1));
      Operand<TFloat32> logDet = null;
      for (int t = steps - 1; t >= 0; t--) {
        Operand<TFloat32> y = z;
        Operand<TFloat32> x = y;
        List<Operand<TFloat32>> ms = null;
        // Pass i fixes coordinate i: m_i and s_i read only coordinates before it.
        for (int i = 0; i < d; i++) {
          ms = made.get(t).apply(tf, x, h);
          Operand<TFloat32> sigma = tf.math.sigmoid(ms.get(1));
          x =
              tf.math.div(
                  tf.math.sub(y, tf.math.mul(tf.math.sub(tf.constant(1f), sigma), ms.get(0))),
                  sigma);
        }
        ms = made.get(t).apply(tf, x, h);
        Operand<TFloat32> step = sumLogSigmoid(tf, ms.get(1));
        logDet = logDet == null ? step : tf.math.add(logDet, step);
        z = t > 0 ? tf.reverse(x, tf.constant(new int[] {-1})) : x;
      }
      return tf.math.sub(base.logProb(tf, z), logDet);
    }

    @Override
    public DiagonalGaussian startingGaussian() {
      return base;
    }

    @Override
    public Map<String, Operand<TFloat32>> describe(Ops tf) {
      // The flow's starting Gaussian, named apart from a Gaussian posterior's z_mean / z_variance:
      // q(z|x) is not this Gaussian, and tools that read those names must not mistake it for one.
      Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
      out.put("z0_mean", base.mean());
      out.put("z0_variance", base.variance());
      return out;
    }
  }

  /** Σ_i log sigmoid(s_i) = −Σ_i softplus(−s_i), over the last axis. */
  private static Operand<TFloat32> sumLogSigmoid(Ops tf, Operand<TFloat32> s) {
    return tf.math.neg(tf.reduceSum(tf.math.softplus(tf.math.neg(s)), tf.constant(-1)));
  }
}
