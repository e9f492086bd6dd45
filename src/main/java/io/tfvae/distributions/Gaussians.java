package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Formulas of diagonal Gaussians. Each sums over the last axis (the event dimension). */
public final class Gaussians {
  /** log(2π). */
  public static final double LOG_2PI = Math.log(2 * Math.PI);

  private Gaussians() {}

  /**
   * log N(x; μ, diag σ²) = −½ Σ [log 2π + log σ² + (x − μ)² / σ²].
   *
   * @param <T> float type
   * @param tf ops
   * @param x points, [..., d]
   * @param mean μ, broadcastable to x
   * @param variance σ² &gt; 0, broadcastable to x
   * @return log-density, [...]
   */
  public static <T extends TFloating> Operand<T> logNormal(
      Ops tf, Operand<T> x, Operand<T> mean, Operand<T> variance) {
    Operand<T> z2 = tf.math.div(tf.math.square(tf.math.sub(x, mean)), variance);
    Operand<T> terms =
        tf.math.add(tf.math.add(z2, tf.math.log(variance)), tf.constantOfSameType(x, LOG_2PI));
    return tf.math.mul(tf.constantOfSameType(x, -0.5), tf.reduceSum(terms, tf.constant(-1)));
  }

  /**
   * log N(x_n; μ_c, diag σ_c²) for every pair of a point n and a component c, as matrix products
   * rather than an [n, k, d] broadcast: with a = 1/σ²,
   *
   * <p>−½ [ (x²)·aᵀ − 2 x·(μ a)ᵀ + Σ_d (μ² a + log σ²) + d log 2π ].
   *
   * <p>Memory is O(n·k) instead of O(n·k·d); a mixture prior with k = 500 evaluates 25,000 samples
   * at once this way.
   *
   * @param <T> float type
   * @param tf ops
   * @param x points, [n, d]
   * @param means μ, [k, d]
   * @param variances σ² &gt; 0, [k, d]
   * @return log-densities, [n, k]
   */
  public static <T extends TFloating> Operand<T> logNormalPairwise(
      Ops tf, Operand<T> x, Operand<T> means, Operand<T> variances) {
    Operand<T> precision = tf.math.reciprocal(variances);
    var transposeB = org.tensorflow.op.linalg.MatMul.transposeB(true);
    Operand<T> quad = tf.linalg.matMul(tf.math.square(x), precision, transposeB);
    Operand<T> cross = tf.linalg.matMul(x, tf.math.mul(means, precision), transposeB);
    Operand<T> perComponent =
        tf.reduceSum(
            tf.math.add(tf.math.mul(tf.math.square(means), precision), tf.math.log(variances)),
            tf.constant(1));
    Operand<T> d = tf.dtypes.cast(tf.gather(tf.shape(x), tf.constant(1), tf.constant(0)), x.type());
    Operand<T> constant =
        tf.math.add(perComponent, tf.math.mul(d, tf.constantOfSameType(x, LOG_2PI)));
    Operand<T> sum =
        tf.math.add(tf.math.sub(quad, tf.math.mul(tf.constantOfSameType(x, 2.0), cross)), constant);
    return tf.math.mul(tf.constantOfSameType(x, -0.5), sum);
  }

  /**
   * log N(x; 0, I) = −½ Σ [log 2π + x²].
   *
   * @param <T> float type
   * @param tf ops
   * @param x points, [..., d]
   * @return log-density, [...]
   */
  public static <T extends TFloating> Operand<T> logStdNormal(Ops tf, Operand<T> x) {
    Operand<T> terms = tf.math.add(tf.math.square(x), tf.constantOfSameType(x, LOG_2PI));
    return tf.math.mul(tf.constantOfSameType(x, -0.5), tf.reduceSum(terms, tf.constant(-1)));
  }

  /**
   * KL(N(μq, σq²) ‖ N(μp, σp²)) = ½ Σ [log σp² − log σq² + (σq² + (μq − μp)²) / σp² − 1].
   *
   * @param <T> float type
   * @param tf ops
   * @param meanQ μq
   * @param varianceQ σq²
   * @param meanP μp
   * @param varianceP σp²
   * @return KL, [...]
   */
  public static <T extends TFloating> Operand<T> klNormal(
      Ops tf, Operand<T> meanQ, Operand<T> varianceQ, Operand<T> meanP, Operand<T> varianceP) {
    Operand<T> ratio =
        tf.math.div(tf.math.add(varianceQ, tf.math.square(tf.math.sub(meanQ, meanP))), varianceP);
    Operand<T> logs = tf.math.sub(tf.math.log(varianceP), tf.math.log(varianceQ));
    Operand<T> terms = tf.math.sub(tf.math.add(logs, ratio), tf.constantOfSameType(meanQ, 1.0));
    return tf.math.mul(tf.constantOfSameType(meanQ, 0.5), tf.reduceSum(terms, tf.constant(-1)));
  }

  /**
   * KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ [σ² + μ² − 1 − log σ²] (Kingma &amp; Welling 2014, Appendix B).
   *
   * @param <T> float type
   * @param tf ops
   * @param mean μ
   * @param variance σ²
   * @return KL, [...]
   */
  public static <T extends TFloating> Operand<T> klStdNormal(
      Ops tf, Operand<T> mean, Operand<T> variance) {
    Operand<T> terms = klStdNormalTerms(tf, mean, variance);
    return tf.math.mul(tf.constantOfSameType(mean, 0.5), tf.reduceSum(terms, tf.constant(-1)));
  }

  /** σ² + μ² − 1 − log σ², per dimension: twice the KL of each dimension. */
  private static <T extends TFloating> Operand<T> klStdNormalTerms(
      Ops tf, Operand<T> mean, Operand<T> variance) {
    return tf.math.sub(
        tf.math.add(variance, tf.math.square(mean)),
        tf.math.add(tf.constantOfSameType(mean, 1.0), tf.math.log(variance)));
  }

  /**
   * KL(N(μ_j, σ_j²) ‖ N(0, 1)) = ½ [σ_j² + μ_j² − 1 − log σ_j²] for each dimension j (the terms
   * {@link #klStdNormal} sums).
   *
   * @param <T> float type
   * @param tf ops
   * @param mean μ, [..., z]
   * @param variance σ², [..., z]
   * @return the KL per dimension, [..., z]
   */
  public static <T extends TFloating> Operand<T> klStdNormalPerDimension(
      Ops tf, Operand<T> mean, Operand<T> variance) {
    return tf.math.mul(tf.constantOfSameType(mean, 0.5), klStdNormalTerms(tf, mean, variance));
  }
}
