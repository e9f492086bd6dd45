package io.tfvae.userland;

import io.tfvae.distributions.Prior;
import io.tfvae.distributions.PriorFactory;
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
 * A user's prior: p(z) = N(μ, diag exp(s)) with learned μ and s (variables {@code prior.mean},
 * {@code prior.log_variance}, starting near 0). It has no closed-form KL here, so the model's bound
 * uses log q − log p at the sample.
 */
final class LearnedGaussianPrior implements Prior {
  private final Variable<TFloat32> mean;
  private final Variable<TFloat32> logVariance;
  private final int latentDim;

  private LearnedGaussianPrior(Parameters params, int latentDim) {
    this.latentDim = latentDim;
    this.mean = params.uniform("prior.mean", Shape.of(latentDim), 0.01f);
    this.logVariance = params.uniform("prior.log_variance", Shape.of(latentDim), 0.01f);
  }

  static PriorFactory factory() {
    return (params, latentDim, encoder) -> new LearnedGaussianPrior(params, latentDim);
  }

  /** log p(z) = −½ Σ_j [log 2π + s_j + (z_j − μ_j)² / exp(s_j)]. */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> s = Parameters.read(tf, logVariance);
    Operand<TFloat32> d = tf.math.sub(z, Parameters.read(tf, mean));
    Operand<TFloat32> terms =
        tf.math.add(
            tf.math.add(tf.constant((float) Math.log(2 * Math.PI)), s),
            tf.math.div(tf.math.square(d), tf.math.exp(s)));
    return tf.math.mul(tf.constant(-0.5f), tf.reduceSum(terms, tf.constant(-1)));
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    Operand<TFloat32> eps =
        tf.random.statelessRandomNormal(tf.stack(List.of(n, tf.constant(latentDim))), seed);
    Operand<TFloat32> sd =
        tf.math.exp(tf.math.mul(tf.constant(0.5f), Parameters.read(tf, logVariance)));
    return tf.math.add(Parameters.read(tf, mean), tf.math.mul(sd, eps));
  }

  @Override
  public String describe() {
    return "learned diagonal Gaussian";
  }
}
