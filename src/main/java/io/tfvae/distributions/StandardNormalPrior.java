package io.tfvae.distributions;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** p(z) = N(0, I). */
public final class StandardNormalPrior implements Prior {
  private final int latentDim;

  /**
   * @param latentDim size of z
   */
  public StandardNormalPrior(int latentDim) {
    this.latentDim = latentDim;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return Gaussians.logStdNormal(tf, z);
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    Operand<TInt32> shape = tf.stack(java.util.List.of(n, tf.constant(latentDim)));
    return tf.random.statelessRandomNormal(shape, seed);
  }

  @Override
  public Optional<Operand<TFloat32>> analyticKl(Ops tf, Posterior q) {
    // Kingma & Welling 2014, Appendix B; no closed form here for other posterior families.
    if (q instanceof DiagonalGaussian g) {
      return Optional.of(Gaussians.klStdNormal(tf, g.mean(), g.variance()));
    }
    return Optional.empty();
  }

  @Override
  public Optional<Operand<TFloat32>> analyticKlPerDimension(Ops tf, Posterior q) {
    if (q instanceof DiagonalGaussian g) {
      return Optional.of(Gaussians.klStdNormalPerDimension(tf, g.mean(), g.variance()));
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "standard normal";
  }
}
