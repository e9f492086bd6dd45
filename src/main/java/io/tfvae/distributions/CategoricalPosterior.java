package io.tfvae.distributions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * q(z | x) = Π_n Categorical(z_n; softmax(l_n)) of N variables of K classes, with logits l [batch,
 * N, K] from the encoder. Codes are one-hot and flat, [..., batch, N·K]. {@link #sample} is exact
 * (the Gumbel-max trick): the bounds use it. Training uses {@link #relaxed}, the Gumbel-Softmax.
 */
public final class CategoricalPosterior implements Posterior {
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> logProbabilities;
  private final int variables;
  private final int classes;

  /**
   * @param tf ops
   * @param logits [batch, N, K]
   * @param variables N
   * @param classes K
   */
  public CategoricalPosterior(Ops tf, Operand<TFloat32> logits, int variables, int classes) {
    this.logits = logits;
    this.logProbabilities = Categoricals.logSoftmax(tf, logits, classes);
    this.variables = variables;
    this.classes = classes;
  }

  /**
   * The family: the encoder outputs N·K logits; the noise is standard Gumbel, [..., N·K].
   *
   * @param variables N
   * @param classes K
   * @return the family
   */
  public static PosteriorFamily family(int variables, int classes) {
    return new PosteriorFamily() {
      @Override
      public int parameterWidth(int latentDim) {
        return variables * classes;
      }

      @Override
      public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
        return new CategoricalPosterior(
            tf, Categoricals.unflatten(tf, h, variables, classes), variables, classes);
      }

      @Override
      public Operand<TFloat32> noise(
          Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
        List<Operand<TInt32>> shape = new java.util.ArrayList<>(leadingShape);
        shape.add(tf.constant(variables * classes));
        return Categoricals.gumbel(tf, tf.stack(shape), seed);
      }

      /** A mass over one-hot codes: log q of an arbitrary float code means nothing. */
      @Override
      public boolean hasDensity() {
        return false;
      }
    };
  }

  /**
   * The log-probabilities of the categories.
   *
   * @return log q(z_n = k | x), [batch, N, K]
   */
  public Operand<TFloat32> logProbabilities() {
    return logProbabilities;
  }

  /** An exact one-hot sample one-hot(argmax(l + g)), flat [..., batch, N·K]. */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> gumbel) {
    Operand<TFloat32> g = Categoricals.unflatten(tf, gumbel, variables, classes);
    return Categoricals.flatten(tf, Categoricals.gumbelMax(tf, logits, g, classes));
  }

  /**
   * The relaxed sample softmax((l + g) / τ), or its straight-through version, flat [..., batch,
   * N·K].
   *
   * @param tf ops
   * @param gumbel the family's noise
   * @param temperature τ (scalar)
   * @param straightThrough one-hot forward, relaxed gradient
   * @return the sample
   */
  public Operand<TFloat32> relaxed(
      Ops tf, Operand<TFloat32> gumbel, Operand<TFloat32> temperature, boolean straightThrough) {
    Operand<TFloat32> g = Categoricals.unflatten(tf, gumbel, variables, classes);
    Operand<TFloat32> y = Categoricals.gumbelSoftmax(tf, logits, g, temperature, classes);
    return Categoricals.flatten(
        tf, straightThrough ? Categoricals.straightThrough(tf, y, classes) : y);
  }

  /** log q(z | x) of one-hot codes z, [..., batch, N·K] → [..., batch]. */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return Categoricals.logProbOneHot(
        tf, Categoricals.unflatten(tf, z, variables, classes), logProbabilities);
  }

  /** {@code z_probabilities}, [batch, N, K]. */
  @Override
  public Map<String, Operand<TFloat32>> describe(Ops tf) {
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    out.put("z_probabilities", tf.math.exp(logProbabilities));
    return out;
  }
}
