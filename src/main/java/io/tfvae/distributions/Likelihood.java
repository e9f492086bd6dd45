package io.tfvae.distributions;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The observation model p(x|z), parameterised by the decoder output. */
public interface Likelihood {
  /**
   * The likelihood's name, as the manifest records it ({@code bernoulli}, {@code gaussian}).
   *
   * @return the name
   */
  String name();

  /**
   * Width of the decoder output for data of a given size.
   *
   * @param dataDim size of x
   * @return decoder output width
   */
  int parameterWidth(int dataDim);

  /**
   * log p(x | params), summed over the last axis.
   *
   * @param tf ops
   * @param x observations, [batch, d] (broadcast against leading sample axes of params)
   * @param params decoder output, [..., batch, width]
   * @return log-probability, [..., batch]
   */
  Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> x, Operand<TFloat32> params);

  /**
   * E[x | params], what sample grids show.
   *
   * @param tf ops
   * @param params decoder output
   * @return the mean, [..., d]
   */
  Operand<TFloat32> mean(Ops tf, Operand<TFloat32> params);
}
