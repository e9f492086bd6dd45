package io.tfvae.export;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.dist.DiagonalGaussian;
import io.tfvae.models.Vae;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Builds the named signatures of the contract (see the package documentation). */
public final class Signatures {
  /** Method name of every signature, so TensorFlow Serving and Python read them. */
  public static final String METHOD_NAME = "tensorflow/serving/predict";

  /** Per-example negative ELBO and its terms. */
  public static final String NEGATIVE_ELBO = "negative_elbo";

  /** Per-example negative IWAE-m bound. */
  public static final String NEGATIVE_IWAE = "negative_iwae";

  /** Prior samples through the decoder mean. */
  public static final String SAMPLE = "sample";

  /** Posterior mean and variance. */
  public static final String ENCODE = "encode";

  /** Decoder mean. */
  public static final String DECODE = "decode";

  private Signatures() {}

  /**
   * Adds the inference ops of a model to its graph and describes them as signatures.
   *
   * @param tf ops of the model's graph
   * @param model the model
   * @return the signatures, in contract order
   */
  public static List<Signature> build(Ops tf, Vae model) {
    int d = model.dataDim();
    int z = model.latentDim();
    Placeholder<TFloat32> x =
        tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
    Placeholder<TInt64> seed =
        tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    Placeholder<TInt32> m =
        tf.withName("m").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TInt32> n =
        tf.withName("n").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> code =
        tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, z)));

    Ops e = tf.withSubScope(NEGATIVE_ELBO);
    NegativeElbo terms = model.negativeElbo(e, x, seed);
    Signature negativeElbo =
        Signature.builder(NEGATIVE_ELBO)
            .methodName(METHOD_NAME)
            .input("x", x)
            .input("seed", seed)
            .output("nelbo", named(e, "nelbo", terms.nelbo()))
            .output("kl", named(e, "kl", terms.kl()))
            .output("rec", named(e, "rec", terms.rec()))
            .build();

    Ops i = tf.withSubScope(NEGATIVE_IWAE);
    Operand<TInt32> checkedM =
        i.withControlDependencies(
                List.of(
                    i.assertThat(
                        i.math.greater(m, i.constant(0)),
                        List.of(i.constant("negative_iwae: m must be >= 1, got"), m))))
            .identity(m);
    Signature negativeIwae =
        Signature.builder(NEGATIVE_IWAE)
            .methodName(METHOD_NAME)
            .input("x", x)
            .input("m", m)
            .input("seed", seed)
            .output("niwae", named(i, "niwae", model.negativeIwae(i, x, checkedM, seed)))
            .build();

    Ops s = tf.withSubScope(SAMPLE);
    Signature sample =
        Signature.builder(SAMPLE)
            .methodName(METHOD_NAME)
            .input("n", n)
            .input("seed", seed)
            .output("x_mean", named(s, "x_mean", model.sample(s, n, seed)))
            .build();

    Ops c = tf.withSubScope(ENCODE);
    DiagonalGaussian q = model.encode(c, x);
    Signature encode =
        Signature.builder(ENCODE)
            .methodName(METHOD_NAME)
            .input("x", x)
            .output("z_mean", named(c, "z_mean", q.mean()))
            .output("z_variance", named(c, "z_variance", q.variance()))
            .build();

    Ops dd = tf.withSubScope(DECODE);
    Signature decode =
        Signature.builder(DECODE)
            .methodName(METHOD_NAME)
            .input("z", code)
            .output("x_mean", named(dd, "x_mean", model.decodeMean(dd, code)))
            .build();
    return List.of(negativeElbo, negativeIwae, sample, encode, decode);
  }

  private static Operand<TFloat32> named(Ops tf, String name, Operand<TFloat32> t) {
    return tf.withName(name).identity(t);
  }
}
