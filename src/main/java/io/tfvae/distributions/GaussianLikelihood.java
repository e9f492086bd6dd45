package io.tfvae.distributions;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * p(x|z) = N(x; μ, diag σ²) with μ the decoder's linear output, and σ² either fixed (the FSVAE's
 * 0.1) or learned per pixel from a second half of the decoder output as softplus(·) + 1e-8.
 */
public final class GaussianLikelihood implements Likelihood {
  private final float variance;
  private final boolean learned;

  /**
   * @param variance the fixed variance (ignored when learned)
   * @param learned learn a variance per pixel
   */
  public GaussianLikelihood(float variance, boolean learned) {
    this.variance = variance;
    this.learned = learned;
  }

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public int parameterWidth(int dataDim) {
    return learned ? 2 * dataDim : dataDim;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> x, Operand<TFloat32> params) {
    if (!learned) {
      Operand<TFloat32> mean = params;
      return Gaussians.logNormal(tf, x, mean, tf.fill(tf.shape(mean), tf.constant(variance)));
    }
    List<? extends Operand<TFloat32>> parts = tf.split(tf.constant(-1), params, 2L).output();
    Operand<TFloat32> v =
        tf.math.add(tf.math.softplus(parts.get(1)), tf.constant(DiagonalGaussian.VARIANCE_FLOOR));
    return Gaussians.logNormal(tf, x, parts.get(0), v);
  }

  @Override
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> params) {
    return learned ? tf.split(tf.constant(-1), params, 2L).output().get(0) : params;
  }
}
