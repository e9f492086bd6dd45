package io.tfvae.distributions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A diagonal Gaussian N(μ, diag σ²): the default posterior q(z|x), and the components of the
 * mixture prior.
 *
 * @param mean μ, [batch, z]
 * @param variance σ², [batch, z]
 */
public record DiagonalGaussian(Operand<TFloat32> mean, Operand<TFloat32> variance)
    implements Posterior {
  /** Floor added to the softplus variance, as in the CS236 reference. */
  public static final float VARIANCE_FLOOR = 1e-8f;

  /**
   * The Gaussian family: the encoder outputs h = [h_μ, h_σ] of width 2z, read as μ = h_μ and σ² =
   * softplus(h_σ) + 1e-8; the noise is standard normal.
   */
  public static final PosteriorFamily FAMILY =
      new PosteriorFamily() {
        @Override
        public int parameterWidth(int latentDim) {
          return 2 * latentDim;
        }

        @Override
        public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
          return DiagonalGaussian.fromNetworkOutput(tf, h);
        }

        @Override
        public Operand<TFloat32> noise(
            Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
          List<Operand<TInt32>> shape = new ArrayList<>(leadingShape);
          shape.add(tf.constant(latentDim));
          // The shape comes from the data, not from the encoder, so no gradient path runs through
          // the random op.
          return tf.stopGradient(tf.random.statelessRandomNormal(tf.stack(shape), seed));
        }

        @Override
        public String describe() {
          return "diagonal Gaussian, variance softplus(h) + 1e-8";
        }
      };

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
  @Override
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
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return Gaussians.logNormal(tf, z, mean, variance);
  }

  /** Itself. */
  @Override
  public DiagonalGaussian startingGaussian() {
    return this;
  }

  /** {@code z_mean} and {@code z_variance}. */
  @Override
  public Map<String, Operand<TFloat32>> describe(Ops tf) {
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    out.put("z_mean", mean);
    out.put("z_variance", variance);
    return out;
  }
}
