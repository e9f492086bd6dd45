package io.tfvae.objectives;

import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.Prior;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One training step as the model built it, for an {@link Objective} to read and never rebuild (as
 * Pyro's objectives read a trace's sample sites): the batch, the posterior q(z | x) and the
 * reparameterized code z drawn from it with the step's noise, the densities log q(z | x), log p(z)
 * and log p(x | z) at that code, the prior and the likelihood, the size N of the training set, the
 * bounds built from them, and the losses the parts add of their own. Every per-example value is
 * [batch]; anything an objective does not ask for adds nothing to the graph.
 *
 * <p>A model whose bound is not made of one code (the SSVAE sums its ELBO over the labels) offers
 * the bounds and refuses the code-level accessors with a message saying so.
 */
public interface StepRecord {
  /**
   * The negative ELBO rec + KL, as the model computes it (a model that sums over a discrete label,
   * as the SSVAE does, adds its terms in its own order).
   *
   * @return [batch]
   */
  Operand<TFloat32> nelbo();

  /**
   * −log p(x | z) at the step's code z ~ q(z | x).
   *
   * @return [batch]
   */
  Operand<TFloat32> rec();

  /**
   * KL(q(z | x) ‖ p(z)): in closed form where the pair has one, else log q(z|x) − log p(z) at the
   * step's code.
   *
   * @return [batch]
   */
  Operand<TFloat32> kl();

  /**
   * The KL of each latent dimension, KL(q(z_j | x) ‖ p(z_j)), where the prior and the posterior
   * both factorise over dimensions and the KL has a closed form (a diagonal Gaussian against a
   * standard normal); empty otherwise.
   *
   * @return [batch, latent_dim], or empty
   */
  Optional<Operand<TFloat32>> klPerDimension();

  /**
   * The negative IWAE-k bound (Burda et al. 2016, eq. 8), its k samples drawn with the step's noise
   * key; built when asked.
   *
   * @param k importance samples, at least 1
   * @return [batch]
   */
  Operand<TFloat32> negativeIwae(int k);

  /**
   * Losses the model's parts add of their own, by name, each a scalar already averaged over its
   * examples (the SSVAE's {@code cross_entropy} of q(y | x) on its labelled images), for objectives
   * that weight them in ({@link WeightedSum}).
   *
   * @return the losses, empty by default
   */
  default Map<String, Operand<TFloat32>> namedLosses() {
    return Map.of();
  }

  /**
   * The batch as the model reads it (binarized when the definition says so).
   *
   * @return x, [batch, dataDim]
   */
  default Operand<TFloat32> x() {
    throw noSingleCode("x");
  }

  /**
   * The batch's one-hot labels, for a model conditioned on them.
   *
   * @return y, [batch, classes], or empty
   */
  default Optional<Operand<TFloat32>> y() {
    return Optional.empty();
  }

  /**
   * The training set's size N, which estimators of the aggregate posterior q(z) = (1/N) Σ_n q(z |
   * x_n) weight the batch by (β-TCVAE's minibatch-weighted sampling); 0 where unknown.
   *
   * @return N
   */
  default long datasetSize() {
    return 0;
  }

  /**
   * The posterior of the batch, q(z | x).
   *
   * @return the posterior
   */
  default Posterior posterior() {
    throw noSingleCode("posterior()");
  }

  /**
   * The step's code: one reparameterized sample z ~ q(z | x) per example, the one rec and KL are
   * taken at.
   *
   * @return z, [batch, latentDim]
   */
  default Operand<TFloat32> z() {
    throw noSingleCode("z()");
  }

  /**
   * log q(z | x) at the step's code, the flows' log-determinants included.
   *
   * @return [batch]
   */
  default Operand<TFloat32> logQzGivenX() {
    throw noSingleCode("logQzGivenX()");
  }

  /**
   * log p(z) at the step's code.
   *
   * @return [batch]
   */
  default Operand<TFloat32> logPz() {
    throw noSingleCode("logPz()");
  }

  /**
   * log p(x | z) at the step's code: −{@link #rec()}.
   *
   * @return [batch]
   */
  default Operand<TFloat32> logPxGivenZ() {
    throw noSingleCode("logPxGivenZ()");
  }

  /**
   * As many draws of the prior as the batch has examples, with a key of the step's own, apart from
   * the posterior's noise (MMD objectives compare the batch of codes with them).
   *
   * @return [batch, latentDim]
   */
  default Operand<TFloat32> priorSamples() {
    throw noSingleCode("priorSamples()");
  }

  /**
   * A stateless-random key of the step's own, for an objective's own draws (FactorVAE's
   * permutations): a function of (seed, stream, step), so a resumed run draws the same.
   *
   * @param stream 3 or more (0 to 2 are the batch's, the posterior's and the prior draws')
   * @return int64 [2]
   */
  default Operand<org.tensorflow.types.TInt64> key(long stream) {
    throw noSingleCode("key(stream)");
  }

  /**
   * The prior p(z).
   *
   * @return the prior
   */
  default Prior prior() {
    throw noSingleCode("prior()");
  }

  /**
   * The likelihood p(x | z).
   *
   * @return the likelihood
   */
  default Likelihood likelihood() {
    throw noSingleCode("likelihood()");
  }

  private static IllegalArgumentException noSingleCode(String what) {
    return new IllegalArgumentException(
        "this model's step has no single code z (its bound sums over a discrete label), so it"
            + " offers no "
            + what
            + "; train it on an objective made of the bounds (elbo, iwae)");
  }
}
