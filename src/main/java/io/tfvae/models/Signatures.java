package io.tfvae.models;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.Prior;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The SavedModel signature contract (keys, input and output names; see the README) and one builder
 * per signature. Latent-variable models reach them through {@link LatentSignatures}, which picks
 * the signatures their parts can answer; a classifier calls {@link #classify} directly. Each
 * builder puts its ops under a scope named after its key and its outputs under their contract
 * names.
 */
public final class Signatures {
  /** Method name of every signature, so TensorFlow Serving and Python read them. */
  public static final String METHOD_NAME = "tensorflow/serving/predict";

  /** Per-example negative ELBO and its terms. */
  public static final String NEGATIVE_ELBO = "negative_elbo";

  /** Per-example negative IWAE-m bound. */
  public static final String NEGATIVE_IWAE = "negative_iwae";

  /** Prior samples through the decoder mean. */
  public static final String SAMPLE = "sample";

  /** The posterior's parameters. */
  public static final String ENCODE = "encode";

  /** Decoder mean. */
  public static final String DECODE = "decode";

  /** Class probabilities q(y | x). */
  public static final String CLASSIFY = "classify";

  /** Decoder mean of given codes under given labels (conditional models). */
  public static final String SAMPLE_CONDITIONAL = "sample_conditional";

  /** log p(z) of given codes. */
  public static final String LOG_PRIOR = "log_prior";

  /** x [, y], z → log q(z | x [, y]) for each row: ELBO surgery for any posterior family. */
  public static final String LOG_POSTERIOR = "log_posterior";

  /** x [, y], seed → z ~ q(z | x [, y]) and its log q: codes of any posterior family. */
  public static final String SAMPLE_POSTERIOR = "sample_posterior";

  private Signatures() {}

  /**
   * The inputs of a model's signatures: one placeholder per contract input name, created on first
   * use and shared by every signature that takes it.
   */
  public static final class Inputs {
    private final Ops tf;
    private final int dataDim;
    private final int latentDim;
    private final int classes;
    private Placeholder<TFloat32> x;
    private Placeholder<TInt64> seed;
    private Placeholder<TInt32> m;
    private Placeholder<TInt32> n;
    private Placeholder<TFloat32> y;
    private Placeholder<TFloat32> z;

    /**
     * @param tf ops of the graph
     * @param dataDim D, the width of {@code x}
     * @param latentDim Z, the width of {@code z}
     * @param classes C, the width of {@code y} (0: the model takes no labels)
     */
    public Inputs(Ops tf, int dataDim, int latentDim, int classes) {
      this.tf = tf;
      this.dataDim = dataDim;
      this.latentDim = latentDim;
      this.classes = classes;
    }

    /** {@return {@code x} float [-1, D]} */
    public Placeholder<TFloat32> x() {
      if (x == null) {
        x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dataDim)));
      }
      return x;
    }

    /** {@return {@code seed} int64 [2]} */
    public Placeholder<TInt64> seed() {
      if (seed == null) {
        seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      }
      return seed;
    }

    /** {@return {@code m} int32 scalar} */
    public Placeholder<TInt32> m() {
      if (m == null) {
        m = tf.withName("m").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      }
      return m;
    }

    /** {@return {@code n} int32 scalar} */
    public Placeholder<TInt32> n() {
      if (n == null) {
        n = tf.withName("n").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      }
      return n;
    }

    /** {@return {@code y} float [-1, C] one-hot; null when the model takes no labels} */
    public Placeholder<TFloat32> y() {
      if (y == null && classes > 0) {
        y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      }
      return y;
    }

    /** {@return {@code z} float [-1, Z]} */
    public Placeholder<TFloat32> z() {
      if (z == null) {
        z =
            tf.withName("z")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latentDim)));
      }
      return z;
    }
  }

  /** The negative ELBO terms of x [given y], with noise keyed by seed. */
  @FunctionalInterface
  public interface ElboFunction {
    /**
     * @param tf ops
     * @param x data
     * @param y one-hot labels, or null
     * @param seed stateless seed
     * @return the terms, per example
     */
    NegativeElbo apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> seed);
  }

  /** The negative IWAE-m bound of x [given y]. */
  @FunctionalInterface
  public interface IwaeFunction {
    /**
     * @param tf ops
     * @param x data
     * @param y one-hot labels, or null
     * @param m importance samples (checked >= 1)
     * @param seed stateless seed
     * @return the bound, per example
     */
    Operand<TFloat32> apply(
        Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt32> m, Operand<TInt64> seed);
  }

  /** A function of data [and labels]: q(z | x [, y]), E[x | z [, y]], q(y | x). */
  @FunctionalInterface
  public interface Function<T> {
    /**
     * @param tf ops
     * @param input x or z
     * @param y one-hot labels, or null
     * @return the result
     */
    T apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> y);
  }

  /**
   * {@code negative_elbo}: x [, y], seed → nelbo, kl, rec, each [-1].
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param f the bound
   * @return the signature
   */
  public static Signature negativeElbo(Inputs in, Operand<TFloat32> y, ElboFunction f) {
    Ops s = in.tf.withSubScope(NEGATIVE_ELBO);
    NegativeElbo terms = f.apply(s, in.x(), y, in.seed());
    return withLabels(builder(NEGATIVE_ELBO).input("x", in.x()), y)
        .input("seed", in.seed())
        .output("nelbo", named(s, "nelbo", terms.nelbo()))
        .output("kl", named(s, "kl", terms.kl()))
        .output("rec", named(s, "rec", terms.rec()))
        .build();
  }

  /**
   * {@code negative_iwae}: x [, y], m, seed → niwae [-1]; m &lt; 1 fails in the graph.
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param f the bound
   * @return the signature
   */
  public static Signature negativeIwae(Inputs in, Operand<TFloat32> y, IwaeFunction f) {
    Ops s = in.tf.withSubScope(NEGATIVE_IWAE);
    Operand<TInt32> m =
        checked(
            s, in.m(), s.math.greater(in.m(), s.constant(0)), "negative_iwae: m must be >= 1, got");
    return withLabels(builder(NEGATIVE_IWAE).input("x", in.x()), y)
        .input("m", in.m())
        .input("seed", in.seed())
        .output("niwae", named(s, "niwae", f.apply(s, in.x(), y, m, in.seed())))
        .build();
  }

  /**
   * {@code sample}: n, seed [, y] → x_mean [-1, D] and z [-1, Z]: n codes z from the model's prior,
   * and their decoder means [under labels y, whose rows must number n]. The codes do not depend on
   * y, so a client draws codes from the prior here and decodes them under every label with {@code
   * sample_conditional}.
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param prior p(z)
   * @param decodeMean E[x | z [, y]]
   * @return the signature
   */
  public static Signature sample(
      Inputs in, Operand<TFloat32> y, Prior prior, Function<Operand<TFloat32>> decodeMean) {
    Ops s = in.tf.withSubScope(SAMPLE);
    Operand<TInt32> n = in.n();
    if (y != null) {
      Operand<TInt32> rows = s.gather(s.shape(y), s.constant(0), s.constant(0));
      n = checked(s, n, s.math.equal(n, rows), "sample: n must equal the rows of y, got");
    }
    Operand<TFloat32> z = prior.sample(s, n, in.seed());
    return withLabels(builder(SAMPLE).input("n", in.n()).input("seed", in.seed()), y)
        .output("x_mean", named(s, "x_mean", decodeMean.apply(s, z, y)))
        .output("z", named(s, "z", z))
        .build();
  }

  /**
   * {@code encode}: x [, y] → the posterior's parameters ({@link Posterior#describe}).
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param encoder q(z | x [, y])
   * @return the signature
   */
  public static Signature encode(Inputs in, Operand<TFloat32> y, Function<Posterior> encoder) {
    Ops s = in.tf.withSubScope(ENCODE);
    Signature.Builder b = withLabels(builder(ENCODE).input("x", in.x()), y);
    for (Map.Entry<String, Operand<TFloat32>> e :
        encoder.apply(s, in.x(), y).describe(s).entrySet()) {
      b.output(e.getKey(), named(s, e.getKey(), e.getValue()));
    }
    return b.build();
  }

  /**
   * {@code decode}: z [, y] → x_mean.
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param decodeMean E[x | z [, y]]
   * @return the signature
   */
  public static Signature decode(
      Inputs in, Operand<TFloat32> y, Function<Operand<TFloat32>> decodeMean) {
    Ops s = in.tf.withSubScope(DECODE);
    return withLabels(builder(DECODE).input("z", in.z()), y)
        .output("x_mean", named(s, "x_mean", decodeMean.apply(s, in.z(), y)))
        .build();
  }

  /**
   * {@code sample_conditional}: y, z → x_mean (the per-class grids of conditional models).
   *
   * @param in the inputs (with labels)
   * @param decodeMean E[x | z, y]
   * @return the signature
   */
  public static Signature sampleConditional(Inputs in, Function<Operand<TFloat32>> decodeMean) {
    Ops s = in.tf.withSubScope(SAMPLE_CONDITIONAL);
    return builder(SAMPLE_CONDITIONAL)
        .input("y", in.y())
        .input("z", in.z())
        .output("x_mean", named(s, "x_mean", decodeMean.apply(s, in.z(), in.y())))
        .build();
  }

  /**
   * {@code log_prior}: z → log_prob [-1], log p(z).
   *
   * @param in the inputs
   * @param prior p(z)
   * @return the signature
   */
  public static Signature logPrior(Inputs in, Prior prior) {
    Ops s = in.tf.withSubScope(LOG_PRIOR);
    return builder(LOG_PRIOR)
        .input("z", in.z())
        .output("log_prob", named(s, "log_prob", prior.logProb(s, in.z())))
        .build();
  }

  /**
   * {@code log_posterior}: x [, y], z → log_prob [-1], log q(z_b | x_b) of row b's z under row b's
   * posterior, whatever its family (an inverse autoregressive flow inverts itself here).
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param encoder q(z | x [, y])
   * @return the signature
   */
  public static Signature logPosterior(
      Inputs in, Operand<TFloat32> y, Function<Posterior> encoder) {
    Ops s = in.tf.withSubScope(LOG_POSTERIOR);
    return withLabels(builder(LOG_POSTERIOR).input("x", in.x()), y)
        .input("z", in.z())
        .output("log_prob", named(s, "log_prob", encoder.apply(s, in.x(), y).logProb(s, in.z())))
        .build();
  }

  /**
   * {@code sample_posterior}: x [, y], seed → z [-1, Z], one draw from each row's posterior under
   * the stateless seed, and log_prob [-1], its log q(z | x).
   *
   * @param in the inputs
   * @param y labels to take, or null
   * @param encoder q(z | x [, y])
   * @param family the posterior family, whose noise the draw uses
   * @param latentDim the code's width
   * @return the signature
   */
  public static Signature samplePosterior(
      Inputs in,
      Operand<TFloat32> y,
      Function<Posterior> encoder,
      io.tfvae.distributions.PosteriorFamily family,
      int latentDim) {
    Ops s = in.tf.withSubScope(SAMPLE_POSTERIOR);
    Posterior q = encoder.apply(s, in.x(), y);
    Operand<TInt32> batch =
        s.reshape(
            s.slice(s.shape(in.x()), s.constant(new int[] {0}), s.constant(new int[] {1})),
            s.constant(new int[0]));
    Operand<TFloat32> z = q.sample(s, family.noise(s, List.of(batch), latentDim, in.seed()));
    return withLabels(builder(SAMPLE_POSTERIOR).input("x", in.x()), y)
        .input("seed", in.seed())
        .output("z", named(s, "z", z))
        .output("log_prob", named(s, "log_prob", q.logProb(s, z)))
        .build();
  }

  /**
   * {@code classify}: x → probabilities [-1, C].
   *
   * @param in the inputs
   * @param probabilities q(y | x)
   * @return the signature
   */
  public static Signature classify(Inputs in, Function<Operand<TFloat32>> probabilities) {
    Ops s = in.tf.withSubScope(CLASSIFY);
    return builder(CLASSIFY)
        .input("x", in.x())
        .output("probabilities", named(s, "probabilities", probabilities.apply(s, in.x(), null)))
        .build();
  }

  private static Signature.Builder builder(String key) {
    return Signature.builder(key).methodName(METHOD_NAME);
  }

  private static Signature.Builder withLabels(Signature.Builder b, Operand<TFloat32> y) {
    return y == null ? b : b.input("y", y);
  }

  /** value, after an in-graph assertion that names the input and shows the value. */
  private static Operand<TInt32> checked(
      Ops tf, Operand<TInt32> value, Operand<TBool> condition, String message) {
    return tf.withControlDependencies(
            List.of(tf.assertThat(condition, List.of(tf.constant(message), value))))
        .identity(value);
  }

  private static Operand<TFloat32> named(Ops tf, String name, Operand<TFloat32> t) {
    return tf.withName(name).identity(t);
  }
}
