package io.tfvae.objectives;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A reconstruction term with a maximum mean discrepancy between the batch's codes and draws of the
 * prior, the divergence of InfoVAE (Zhao et al. 2019, "InfoVAE: Balancing Learning and Inference in
 * Variational Autoencoders", eq. 8) and of WAE-MMD (Tolstikhin et al. 2018):
 *
 * <p>E[−log p(x|z)] + w_KL·KL(q(z|x) ‖ p(z)) + w_MMD·MMD(q(z), p(z)),
 *
 * <p>InfoVAE with w_KL = 1 − α and w_MMD = α + λ − 1; WAE-MMD with w_KL = 0 and w_MMD = λ. The MMD²
 * is the unbiased estimate over the M codes z_i and M prior draws z'_j (Gretton et al. 2012, eq.
 * 3), Σ_{i≠j} k(z_i, z_j)/(M(M−1)) + Σ_{i≠j} k(z'_i, z'_j)/(M(M−1)) − 2 Σ_{i,j} k(z_i, z'_j)/M²,
 * with the inverse multiquadratic kernel k = C/(C + ‖x − y‖²) or the RBF kernel k = exp(−‖x −
 * y‖²/C), C = 2·D·σ² (pythae's choice; σ the bandwidth, D the latent width). Reported: {@code mmd}.
 */
public final class Mmd implements Objective {
  /** The kernel of the MMD. */
  public enum Kernel {
    /** Inverse multiquadratic, C/(C + ‖x − y‖²): heavy tails, the WAE paper's choice. */
    INVERSE_MULTIQUADRATIC,
    /** Radial basis function, exp(−‖x − y‖²/C). */
    RBF
  }

  private final float klWeight;
  private final float mmdWeight;
  private final Kernel kernel;
  private final float bandwidth;

  /**
   * An MMD objective with its weights given directly.
   *
   * @param klWeight w_KL, a finite number &gt;= 0
   * @param mmdWeight w_MMD, a finite number &gt;= 0
   * @param kernel the kernel
   * @param bandwidth σ, a finite number &gt; 0 (1 for a standard normal prior)
   */
  public Mmd(float klWeight, float mmdWeight, Kernel kernel, float bandwidth) {
    if (!(klWeight >= 0f && mmdWeight >= 0f)
        || Float.isInfinite(klWeight)
        || Float.isInfinite(mmdWeight)) {
      throw new IllegalArgumentException(
          "mmd: expected finite weights >= 0, got kl " + klWeight + " and mmd " + mmdWeight);
    }
    if (!(bandwidth > 0f) || Float.isInfinite(bandwidth)) {
      throw new IllegalArgumentException(
          "mmd.bandwidth: expected a finite number > 0, got " + bandwidth);
    }
    this.klWeight = klWeight;
    this.mmdWeight = mmdWeight;
    this.kernel = kernel;
    this.bandwidth = bandwidth;
  }

  /**
   * InfoVAE: w_KL = 1 − α, w_MMD = α + λ − 1.
   *
   * @param alpha α &lt;= 1
   * @param lambda λ, with α + λ &gt;= 1
   * @param kernel the kernel
   * @param bandwidth σ
   * @return the objective
   */
  public static Mmd infoVae(float alpha, float lambda, Kernel kernel, float bandwidth) {
    return new Mmd(1f - alpha, alpha + lambda - 1f, kernel, bandwidth);
  }

  /**
   * WAE-MMD: w_KL = 0, w_MMD = λ.
   *
   * @param lambda λ
   * @param kernel the kernel
   * @param bandwidth σ
   * @return the objective
   */
  public static Mmd wae(float lambda, Kernel kernel, float bandwidth) {
    return new Mmd(0f, lambda, kernel, bandwidth);
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    var axis0 = tf.constant(0);
    Operand<TFloat32> z = record.z();
    Operand<TFloat32> prior = record.priorSamples();
    Operand<TFloat32> mmd = mmd(tf, z, prior);
    Operand<TFloat32> loss = tf.math.mean(record.rec(), axis0);
    if (klWeight > 0f) {
      loss =
          tf.math.add(loss, tf.math.mul(tf.constant(klWeight), tf.math.mean(record.kl(), axis0)));
    }
    loss = tf.math.add(loss, tf.math.mul(tf.constant(mmdWeight), mmd));
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("mmd", mmd);
    return new ObjectiveValue(loss, metrics);
  }

  /**
   * The unbiased MMD² estimate between two samples of equal size M.
   *
   * @param tf ops
   * @param a [M, D]
   * @param b [M, D]
   * @return a scalar
   */
  Operand<TFloat32> mmd(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> m =
        tf.dtypes.cast(tf.gather(tf.shape(a), tf.constant(0), tf.constant(0)), TFloat32.class);
    long d = a.shape().get(1);
    Operand<TFloat32> c = tf.constant(2f * d * bandwidth * bandwidth);
    Operand<TFloat32> kaa = kernel(tf, a, a, c);
    Operand<TFloat32> kbb = kernel(tf, b, b, c);
    Operand<TFloat32> kab = kernel(tf, a, b, c);
    var all = tf.constant(new int[] {0, 1});
    Operand<TFloat32> pairs = tf.math.mul(m, tf.math.sub(m, tf.constant(1f)));
    Operand<TFloat32> within =
        tf.math.div(
            tf.math.add(
                tf.math.sub(
                    tf.reduceSum(kaa, all),
                    tf.reduceSum(SquareMatrices.diagonal(tf, kaa), tf.constant(0))),
                tf.math.sub(
                    tf.reduceSum(kbb, all),
                    tf.reduceSum(SquareMatrices.diagonal(tf, kbb), tf.constant(0)))),
            pairs);
    Operand<TFloat32> across =
        tf.math.div(tf.math.mul(tf.constant(2f), tf.reduceSum(kab, all)), tf.math.square(m));
    return tf.math.sub(within, across);
  }

  /** k(a_i, b_j) for every pair, [M, M]. */
  private Operand<TFloat32> kernel(
      Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, Operand<TFloat32> c) {
    Operand<TFloat32> distance2 =
        tf.reduceSum(
            tf.math.square(
                tf.math.sub(tf.expandDims(a, tf.constant(1)), tf.expandDims(b, tf.constant(0)))),
            tf.constant(2));
    if (kernel == Kernel.RBF) {
      return tf.math.exp(tf.math.neg(tf.math.div(distance2, c)));
    }
    return tf.math.div(c, tf.math.add(c, distance2));
  }

  @Override
  public String describe() {
    return "mmd, kl weight "
        + klWeight
        + ", mmd weight "
        + mmdWeight
        + ", "
        + (kernel == Kernel.RBF ? "rbf" : "inverse multiquadratic")
        + " kernel, bandwidth "
        + bandwidth;
  }
}
