package io.tfvae.dist;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A diagonal Gaussian N(μ, diag σ²), the posterior q(z|x) of every model here.
 *
 * @param mean μ, [batch, z]
 * @param variance σ², [batch, z]
 */
public record DiagonalGaussian(Operand<TFloat32> mean, Operand<TFloat32> variance) {
  /** Floor added to the softplus variance, as in the CS236 reference. */
  public static final float VARIANCE_FLOOR = 1e-8f;

  /**
   * Splits a network output h = [h_μ, h_σ] of width 2z into μ = h_μ and σ² = softplus(h_σ) + 1e-8.
   *
   * @param tf ops
   * @param h encoder output, [batch, 2z]
   * @return the Gaussian
   */
  public static DiagonalGaussian fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
    List<? extends Operand<TFloat32>> parts = tf.split(tf.constant(-1), h, 2L).output();
    Operand<TFloat32> variance =
        tf.math.add(tf.math.softplus(parts.get(1)), tf.constant(VARIANCE_FLOOR));
    return new DiagonalGaussian(parts.get(0), variance);
  }

  /**
   * Reparameterized sample z = μ + σ·ε (Kingma &amp; Welling 2014, eq. 10).
   *
   * @param tf ops
   * @param eps standard normal noise, [..., batch, z] (leading sample axes broadcast)
   * @return z, shaped like eps
   */
  public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> eps) {
    return tf.math.add(mean, tf.math.mul(tf.math.sqrt(variance), eps));
  }

  /**
   * log q(z) summed over the last axis.
   *
   * @param tf ops
   * @param z points, [..., batch, z]
   * @return log-density, [..., batch]
   */
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return Gaussians.logNormal(tf, z, mean, variance);
  }
}
