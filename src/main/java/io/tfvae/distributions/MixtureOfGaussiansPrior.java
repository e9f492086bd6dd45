package io.tfvae.distributions;

import io.tfvae.nn.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * p(z) = (1/k) Σ_c N(z; μ_c, diag σ_c²), with learned means and variances and fixed uniform weights
 * (the GMVAE prior of CS236 homework 2).
 *
 * <p>Parameters: one variable {@code prior.mixture} of shape [2k, z], initialised from N(0, 1) /
 * sqrt(k·z); rows 0..k−1 are the means μ, rows k..2k−1 give σ² = softplus(·) + 1e-8. There is no
 * closed-form KL from a Gaussian to this prior, so bounds use log q(z|x) − log p(z) at the sample.
 */
public final class MixtureOfGaussiansPrior implements Prior {
  private final int components;
  private final int latentDim;
  private final Variable<TFloat32> parameters;

  /**
   * Creates the variable {@code prior.mixture}.
   *
   * @param params the variable factory
   * @param components k
   * @param latentDim size of z
   */
  public MixtureOfGaussiansPrior(Parameters params, int components, int latentDim) {
    this.components = components;
    this.latentDim = latentDim;
    this.parameters =
        params.normal(
            "prior.mixture",
            Shape.of(2L * components, latentDim),
            (float) (1.0 / Math.sqrt((double) components * latentDim)));
  }

  /**
   * The component means and variances.
   *
   * @param tf ops
   * @return μ and σ², each [k, z]
   */
  public DiagonalGaussian components(Ops tf) {
    List<? extends Operand<TFloat32>> parts =
        tf.split(tf.constant(0), Parameters.read(tf, parameters), 2L).output();
    Operand<TFloat32> variance =
        tf.math.add(tf.math.softplus(parts.get(1)), tf.constant(DiagonalGaussian.VARIANCE_FLOOR));
    return new DiagonalGaussian(parts.get(0), variance);
  }

  /**
   * log p(z) = logmeanexp_c log N(z; μ_c, σ_c²), computed stably (max-shifted) over the k
   * components for any number of leading axes of z.
   */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return UniformMixtures.logProb(tf, components(tf), z, latentDim);
  }

  /**
   * A uniform component c, then z ~ N(μ_c, σ_c²); the two draws use keys seed and seed + (1, 0).
   */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    return UniformMixtures.sample(tf, components(tf), components, n, seed, latentDim);
  }

  /** {@return the number of components k} */
  public int components() {
    return components;
  }

  @Override
  public String describe() {
    return "uniform mixture of " + components + " learned diagonal Gaussians";
  }
}
