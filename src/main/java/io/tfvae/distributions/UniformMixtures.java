package io.tfvae.distributions;

import io.tfvae.bounds.Bounds;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Formulas of a uniform mixture (1/K) Σ_k N(z; μ_k, diag σ_k²), shared by the learned mixture prior
 * and the VampPrior, which differ only in where their components come from.
 */
final class UniformMixtures {
  private UniformMixtures() {}

  /**
   * log p(z) = logmeanexp_k log N(z; μ_k, σ_k²), stable (max-shifted), for any number of leading
   * axes of z; each component's density comes from two matrix products ({@link
   * Gaussians#logNormalPairwise}).
   *
   * @param tf ops
   * @param components μ and σ², each [K, z]
   * @param z points, [..., z]
   * @param latentDim size of z
   * @return log-density, [...]
   */
  static Operand<TFloat32> logProb(
      Ops tf, DiagonalGaussian components, Operand<TFloat32> z, int latentDim) {
    Operand<TFloat32> flat = tf.reshape(z, tf.constant(new int[] {-1, latentDim}));
    Operand<TFloat32> perComponent =
        Gaussians.logNormalPairwise(tf, flat, components.mean(), components.variance());
    return tf.reshape(Bounds.logMeanExp(tf, perComponent, 1), Shapes.leading(tf, z, 1));
  }

  /**
   * A uniform component k, then z ~ N(μ_k, σ_k²); the two draws use keys seed and seed + (1, 0).
   *
   * @param tf ops
   * @param components μ and σ², each [K, z]
   * @param count K
   * @param n number of samples (scalar)
   * @param seed stateless seed, [2]
   * @param latentDim size of z
   * @return samples, [n, z]
   */
  static Operand<TFloat32> sample(
      Ops tf,
      DiagonalGaussian components,
      int count,
      Operand<TInt32> n,
      Operand<TInt64> seed,
      int latentDim) {
    Operand<TInt32> which =
        tf.random.statelessRandomUniformInt(
            tf.expandDims(n, tf.constant(0)), seed, tf.constant(0), tf.constant(count));
    Operand<TFloat32> mean = tf.gather(components.mean(), which, tf.constant(0));
    Operand<TFloat32> variance = tf.gather(components.variance(), which, tf.constant(0));
    Operand<TInt64> seed2 = tf.math.add(seed, tf.constant(new long[] {1, 0}));
    Operand<TFloat32> eps =
        tf.random.statelessRandomNormal(tf.stack(List.of(n, tf.constant(latentDim))), seed2);
    return new DiagonalGaussian(mean, variance).sample(tf, eps);
  }
}
