package io.tfvae.distributions;

import io.tfvae.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The VampPrior (Tomczak and Welling 2018, eq. 9): p(z) = (1/K) Σ_k q(z | u_k), a mixture of the
 * model's own posteriors at K pseudo-inputs. With u_k the training images it would be the aggregate
 * posterior, the prior that maximises the average ELBO (the empirical-Bayes optimum); learned
 * pseudo-inputs approximate it with K components.
 *
 * <p>The pseudo-inputs are u = sigmoid(a), a in the variable {@code prior.pseudo_inputs} [K, D]
 * starting from N(0, 0.1²) or from given values (logits of training images), so they stay in the
 * pixels' range [0, 1]. Or they are fixed, given as a tensor (tests use a small data set, making
 * p(z) that set's exact aggregate posterior). There is no closed-form KL: bounds use log q − log p
 * at the sample. With an inverse autoregressive flow posterior the components are the flow's
 * starting Gaussians (see {@link Posterior#startingGaussian}).
 */
public final class VampPrior implements Prior {
  private final Encoder encoder;
  private final Variable<TFloat32> logits;
  private final Operand<TFloat32> fixed;
  private final int components;
  private final int latentDim;

  /**
   * Learned pseudo-inputs.
   *
   * @param params the variable factory
   * @param components K
   * @param dataDim D, the size of an input
   * @param latentDim size of z
   * @param encoder the model's encoder, which must give a {@link DiagonalGaussian}
   */
  public VampPrior(Parameters params, int components, int dataDim, int latentDim, Encoder encoder) {
    this(params, components, dataDim, latentDim, encoder, null);
  }

  /**
   * Learned pseudo-inputs with given starting logits.
   *
   * @param params the variable factory
   * @param components K
   * @param dataDim D, the size of an input
   * @param latentDim size of z
   * @param encoder the model's encoder, which must give a {@link DiagonalGaussian}
   * @param initialLogits a's starting values [K * D] given the variable's key, or null for noise
   */
  public VampPrior(
      Parameters params,
      int components,
      int dataDim,
      int latentDim,
      Encoder encoder,
      java.util.function.LongFunction<float[]> initialLogits) {
    this.encoder = encoder;
    Shape shape = Shape.of(components, dataDim);
    this.logits =
        initialLogits == null
            ? params.normal("prior.pseudo_inputs", shape, 0.1f)
            : params.given("prior.pseudo_inputs", shape, initialLogits);
    this.fixed = null;
    this.components = components;
    this.latentDim = latentDim;
  }

  /**
   * Fixed pseudo-inputs.
   *
   * @param pseudoInputs u, [K, D]
   * @param components K
   * @param latentDim size of z
   * @param encoder the model's encoder
   */
  public VampPrior(Operand<TFloat32> pseudoInputs, int components, int latentDim, Encoder encoder) {
    this.encoder = encoder;
    this.logits = null;
    this.fixed = pseudoInputs;
    this.components = components;
    this.latentDim = latentDim;
  }

  /**
   * The components q(z | u_k), [K, z]; with a flow posterior, the flow's starting Gaussians q_0(z |
   * u_k). The mixture of the flows themselves would need each z's density under every component,
   * the flow inverted K times (D passes of each MADE per component and sample), too dear for a
   * training step; the Gaussians keep the prior exact, normalised and learned through the same
   * encoder.
   */
  private DiagonalGaussian components(Ops tf) {
    Operand<TFloat32> u = fixed != null ? fixed : tf.math.sigmoid(Parameters.read(tf, logits));
    Posterior q = encoder.encode(tf, u);
    DiagonalGaussian g = q.startingGaussian();
    if (g == null) {
      throw new IllegalArgumentException(
          "the VampPrior needs Gaussian posteriors or flows on one, got "
              + q.getClass().getSimpleName());
    }
    return g;
  }

  /** log p(z) = logmeanexp_k log q(z | u_k), for any number of leading axes of z. */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return UniformMixtures.logProb(tf, components(tf), z, latentDim);
  }

  /** A uniform pseudo-input k, then z ~ q(z | u_k); the draws use keys seed and seed + (1, 0). */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    return UniformMixtures.sample(tf, components(tf), components, n, seed, latentDim);
  }

  @Override
  public String describe() {
    return "VampPrior of " + components + " pseudo-inputs";
  }
}
