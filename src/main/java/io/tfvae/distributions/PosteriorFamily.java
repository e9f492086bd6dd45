package io.tfvae.distributions;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A family of posteriors q(z | x): how wide the encoder's output is, and how to read it. */
public interface PosteriorFamily {
  /**
   * Width of the encoder output for a latent code of the given size.
   *
   * @param latentDim size of z
   * @return the encoder's output width
   */
  int parameterWidth(int latentDim);

  /**
   * The posterior whose parameters the encoder computed.
   *
   * @param tf ops
   * @param h encoder output, [batch, parameterWidth]
   * @return q(z | x)
   */
  Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h);

  /**
   * Noise for {@link Posterior#sample}, from a stateless op keyed by seed and held out of the
   * gradient.
   *
   * @param tf ops
   * @param leadingShape the sample axes and the batch, e.g. [m, batch]
   * @param latentDim size of z
   * @param seed stateless seed, [2]
   * @return noise, [leadingShape..., noiseWidth]
   */
  Operand<TFloat32> noise(
      Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed);

  /**
   * Whether q(z | x) has a density over real codes, so that log q(z | x) of any code [batch, Z] fed
   * from outside is defined: what a model's {@code log_posterior} and {@code sample_posterior}
   * signatures answer. A mass over one-hot codes (the categorical family) has none; its {@code
   * encode} gives the whole distribution instead.
   *
   * @return true unless the codes are discrete
   */
  default boolean hasDensity() {
    return true;
  }

  /**
   * The family built into one graph: a family with variables of its own (the networks of an {@link
   * InverseAutoregressiveFlow}) creates them here, under {@code name}; others are already complete.
   *
   * @param params the variable factory
   * @param name the prefix of its variables' names
   * @param latentDim size of z
   * @return the family to use in this graph
   */
  default PosteriorFamily create(io.tfvae.nn.Parameters params, String name, int latentDim) {
    return this;
  }

  /**
   * The sizes of the stochastic layers z is made of, bottom first ([latentDim] for one layer).
   *
   * @param latentDim size of z
   * @return the sizes, summing to latentDim
   */
  default int[] layers(int latentDim) {
    return new int[] {latentDim};
  }

  /**
   * What this is, in a few words, for model descriptions (the class name by default).
   *
   * @return the description
   */
  default String describe() {
    return getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
  }
}
