package io.tfvae.export;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.dist.DiagonalGaussian;
import io.tfvae.models.Classifier;
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

  /** Class probabilities q(y | x) (classifiers). */
  public static final String CLASSIFY = "classify";

  /** Decoder mean of given codes under given labels (conditional models). */
  public static final String SAMPLE_CONDITIONAL = "sample_conditional";

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
    int c = model.classes();
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
    Placeholder<TFloat32> y =
        c == 0 ? null : tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c)));

    Ops e = tf.withSubScope(NEGATIVE_ELBO);
    NegativeElbo terms = model.negativeElbo(e, x, y, seed);
    Signature negativeElbo =
        labelled(Signature.builder(NEGATIVE_ELBO).methodName(METHOD_NAME).input("x", x), y)
            .input("seed", seed)
            .output("nelbo", named(e, "nelbo", terms.nelbo()))
            .output("kl", named(e, "kl", terms.kl()))
            .output("rec", named(e, "rec", terms.rec()))
            .build();

    Ops i = tf.withSubScope(NEGATIVE_IWAE);
    Operand<TInt32> checkedM = checked(i, m, i.math.greater(m, i.constant(0)), "negative_iwae: m must be >= 1, got");
    Signature negativeIwae =
        labelled(Signature.builder(NEGATIVE_IWAE).methodName(METHOD_NAME).input("x", x), y)
            .input("m", m)
            .input("seed", seed)
            .output("niwae", named(i, "niwae", model.negativeIwae(i, x, y, checkedM, seed)))
            .build();

    Ops s = tf.withSubScope(SAMPLE);
    Operand<TFloat32> samples;
    if (y == null) {
      samples = model.sample(s, n, seed);
    } else {
      Operand<TInt32> rows = s.gather(s.shape(y), s.constant(0), s.constant(0));
      Operand<TInt32> checkedN = checked(s, n, s.math.equal(n, rows), "sample: n must equal the rows of y, got");
      Operand<TFloat32> prior =
          s.random.statelessRandomNormal(s.stack(List.of(checkedN, s.constant(z))), seed);
      samples = model.decodeMean(s, prior, y);
    }
    Signature sample =
        labelled(Signature.builder(SAMPLE).methodName(METHOD_NAME).input("n", n).input("seed", seed), y)
            .output("x_mean", named(s, "x_mean", samples))
            .build();

    Signature encode = encode(tf, model, x, y);
    Signature decode = decode(tf, model, code, y);
    if (y == null) {
      return List.of(negativeElbo, negativeIwae, sample, encode, decode);
    }
    return List.of(negativeElbo, negativeIwae, sample, encode, decode, sampleConditional(tf, model, y, code));
  }

  /** {@code encode}: x (, y) → z_mean, z_variance. */
  private static Signature encode(Ops tf, Vae model, Placeholder<TFloat32> x, Placeholder<TFloat32> y) {
    Ops enc = tf.withSubScope(ENCODE);
    DiagonalGaussian q = model.encode(enc, x, y);
    return labelled(Signature.builder(ENCODE).methodName(METHOD_NAME).input("x", x), y)
        .output("z_mean", named(enc, "z_mean", q.mean()))
        .output("z_variance", named(enc, "z_variance", q.variance()))
        .build();
  }

  /** {@code decode}: z (, y) → x_mean. */
  private static Signature decode(Ops tf, Vae model, Placeholder<TFloat32> code, Placeholder<TFloat32> y) {
    Ops dd = tf.withSubScope(DECODE);
    return labelled(Signature.builder(DECODE).methodName(METHOD_NAME).input("z", code), y)
        .output("x_mean", named(dd, "x_mean", model.decodeMean(dd, code, y)))
        .build();
  }

  /** {@code sample_conditional}: y, z → x_mean. */
  private static Signature sampleConditional(
      Ops tf, Vae model, Placeholder<TFloat32> y, Placeholder<TFloat32> code) {
    Ops sc = tf.withSubScope(SAMPLE_CONDITIONAL);
    return Signature.builder(SAMPLE_CONDITIONAL)
        .methodName(METHOD_NAME)
        .input("y", y)
        .input("z", code)
        .output("x_mean", named(sc, "x_mean", model.decodeMean(sc, code, y)))
        .build();
  }

  /**
   * The signature of a classifier: {@code classify} (x [-1, D] → probabilities [-1, C]).
   *
   * @param tf ops of the classifier's graph
   * @param classifier the classifier
   * @return the one signature
   */
  public static List<Signature> buildClassifier(Ops tf, Classifier classifier) {
    Placeholder<TFloat32> x =
        tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classifier.dataDim())));
    Ops c = tf.withSubScope(CLASSIFY);
    return List.of(
        Signature.builder(CLASSIFY)
            .methodName(METHOD_NAME)
            .input("x", x)
            .output("probabilities", named(c, "probabilities", classifier.probabilities(c, x)))
            .build());
  }

  /**
   * The signatures of an SSVAE: {@code classify} (x → probabilities), {@code negative_elbo} (x,
   * seed → the label-summed nelbo, kl, rec of an unlabelled x), {@code sample} (n, seed: y uniform,
   * z from the prior), {@code sample_conditional} (y, z), {@code encode} (x, y) and {@code decode}
   * (z, y). There is no {@code negative_iwae}.
   *
   * @param tf ops of the model's graph
   * @param model the SSVAE
   * @return the signatures
   */
  public static List<Signature> buildSsvae(Ops tf, io.tfvae.models.Ssvae model) {
    Vae vae = model.vae();
    if (vae == null) {
      // gen_weight 0: the classifier alone.
      return buildClassifier(tf, model.classifier());
    }
    int d = vae.dataDim();
    int z = vae.latentDim();
    int c = vae.classes();
    Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
    Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    Placeholder<TInt32> n = tf.withName("n").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> code = tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, z)));
    Placeholder<TFloat32> y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c)));

    Ops k = tf.withSubScope(CLASSIFY);
    Signature classify =
        Signature.builder(CLASSIFY).methodName(METHOD_NAME).input("x", x)
            .output("probabilities", named(k, "probabilities", model.classifier().probabilities(k, x)))
            .build();
    Ops e = tf.withSubScope(NEGATIVE_ELBO);
    NegativeElbo terms = model.negativeElbo(e, x, seed);
    Signature negativeElbo =
        Signature.builder(NEGATIVE_ELBO).methodName(METHOD_NAME).input("x", x).input("seed", seed)
            .output("nelbo", named(e, "nelbo", terms.nelbo()))
            .output("kl", named(e, "kl", terms.kl()))
            .output("rec", named(e, "rec", terms.rec()))
            .build();
    Ops s = tf.withSubScope(SAMPLE);
    Operand<TInt32> labels =
        s.random.statelessRandomUniformInt(s.expandDims(n, s.constant(0)), seed, s.constant(0), s.constant(c));
    Operand<TFloat32> oneHot = s.oneHot(labels, s.constant(c), s.constant(1f), s.constant(0f));
    Operand<TFloat32> prior =
        s.random.statelessRandomNormal(
            s.stack(List.of(n, s.constant(z))), s.math.add(seed, s.constant(new long[] {1, 0})));
    Signature sample =
        Signature.builder(SAMPLE).methodName(METHOD_NAME).input("n", n).input("seed", seed)
            .output("x_mean", named(s, "x_mean", vae.decodeMean(s, prior, oneHot)))
            .build();
    return List.of(classify, negativeElbo, sample, sampleConditional(tf, vae, y, code),
        encode(tf, vae, x, y), decode(tf, vae, code, y));
  }

  private static Signature.Builder labelled(Signature.Builder b, Placeholder<TFloat32> y) {
    return y == null ? b : b.input("y", y);
  }

  /** value, after an in-graph assertion that names the input and shows the value. */
  private static Operand<TInt32> checked(
      Ops tf, Operand<TInt32> value, Operand<org.tensorflow.types.TBool> condition, String message) {
    return tf.withControlDependencies(
            List.of(tf.assertThat(condition, List.of(tf.constant(message), value))))
        .identity(value);
  }

  private static Operand<TFloat32> named(Ops tf, String name, Operand<TFloat32> t) {
    return tf.withName(name).identity(t);
  }
}
