package io.tfvae.extension;

import io.tfvae.distributions.Likelihood;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A likelihood the framework does not have: p(x|z) = Π Laplace(x_i; μ_i, b) with μ the decoder's
 * output and a fixed scale b; log p = −Σ [|x − μ| / b + log 2b].
 */
final class LaplaceLikelihood implements Likelihood {
  private final float scale;

  LaplaceLikelihood(float scale) {
    this.scale = scale;
  }

  @Override
  public String name() {
    return "laplace";
  }

  @Override
  public int parameterWidth(int dataDim) {
    return dataDim;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> x, Operand<TFloat32> mean) {
    Operand<TFloat32> terms =
        tf.math.add(
            tf.math.div(tf.math.abs(tf.math.sub(x, mean)), tf.constant(scale)),
            tf.constant((float) Math.log(2 * scale)));
    return tf.math.neg(tf.reduceSum(terms, tf.constant(-1)));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> params) {
    return params;
  }
}
