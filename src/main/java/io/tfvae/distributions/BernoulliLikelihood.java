package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** p(x|z) = Π Bern(x_i; σ(l_i)) with logits l from the decoder. */
public final class BernoulliLikelihood implements Likelihood {
  @Override
  public String name() {
    return "bernoulli";
  }

  @Override
  public int parameterWidth(int dataDim) {
    return dataDim;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> x, Operand<TFloat32> logits) {
    return Bernoullis.logBernoulliWithLogits(tf, x, logits);
  }

  @Override
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits) {
    return tf.math.sigmoid(logits);
  }
}
