package io.tfvae.distributions;

import io.tfvae.nn.Parameters;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * p(z) = Π_n Categorical(z_n; π_n) over N variables of K classes: uniform (π = 1/K), or learned
 * (π_n = softmax(a_n), logits a in the variable {@code prior.logits} [N, K], starting at 0, so
 * uniform). Codes are one-hot and flat, [..., N·K]. The KL from a {@link CategoricalPosterior} is
 * in closed form.
 */
public final class CategoricalPrior implements Prior {
  private final int variables;
  private final int classes;
  private final Variable<TFloat32> logits;

  /**
   * @param variables N
   * @param classes K
   * @param params the variable factory, or null for the uniform prior
   */
  public CategoricalPrior(int variables, int classes, Parameters params) {
    this.variables = variables;
    this.classes = classes;
    this.logits =
        params == null ? null : params.uniform("prior.logits", Shape.of(variables, classes), 0f);
  }

  /** log π, [N, K]. */
  private Operand<TFloat32> logProbabilities(Ops tf) {
    if (logits == null) {
      return tf.fill(
          tf.constant(new int[] {variables, classes}), tf.constant((float) -Math.log(classes)));
    }
    return Categoricals.logSoftmax(tf, Parameters.read(tf, logits), classes);
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z) {
    return Categoricals.logProbOneHot(
        tf, Categoricals.unflatten(tf, z, variables, classes), logProbabilities(tf));
  }

  /** Exact one-hot codes by the Gumbel-max trick on log π, [n, N·K]. */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    Operand<TFloat32> g =
        Categoricals.gumbel(
            tf, tf.stack(List.of(n, tf.constant(variables), tf.constant(classes))), seed);
    return Categoricals.flatten(tf, Categoricals.gumbelMax(tf, logProbabilities(tf), g, classes));
  }

  /** KL(q ‖ p) = Σ q (log q − log π) for a categorical posterior. */
  @Override
  public Optional<Operand<TFloat32>> analyticKl(Ops tf, Posterior q) {
    if (q instanceof CategoricalPosterior c) {
      return Optional.of(Categoricals.kl(tf, c.logProbabilities(), logProbabilities(tf)));
    }
    return Optional.empty();
  }
}
