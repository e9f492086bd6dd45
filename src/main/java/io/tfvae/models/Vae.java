package io.tfvae.models;

import io.tfvae.bounds.Bounds;
import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.proto.Objective;
import io.tfvae.dist.BernoulliLikelihood;
import io.tfvae.dist.DiagonalGaussian;
import io.tfvae.dist.GaussianLikelihood;
import io.tfvae.dist.Likelihood;
import io.tfvae.dist.MixtureOfGaussiansPrior;
import io.tfvae.dist.Prior;
import io.tfvae.dist.StandardNormalPrior;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Variational autoencoder (Kingma &amp; Welling 2014) with a pluggable prior and likelihood.
 *
 * <p>Generative model:
 *
 * <ul>
 *   <li>z ~ p(z) (standard normal by default; a learned mixture of Gaussians makes it the GMVAE)
 *   <li>x | z [, y] ~ p(x | decoder(z [, y])) (Bernoulli logits by default; a Gaussian of fixed
 *       variance 0.1 with the label y as input makes it the FSVAE)
 * </ul>
 *
 * <p>Inference model:
 *
 * <ul>
 *   <li>z | x [, y] ~ N(μ, diag σ²), with [μ, σ²] = [h₁, softplus(h₂) + 1e-8], h = encoder(x [, y])
 * </ul>
 *
 * <p>With {@code conditional: true} every bound is of log p(x | y) and every method takes the
 * one-hot labels y; the networks read concat(x, y) and concat(z, y).
 *
 * <p>Bounds: the β-weighted negative ELBO −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)), with the KL in
 * closed form where the prior has one (Appendix B of the paper), else log q(z|x) − log p(z) at the
 * same sample; and the negative IWAE-m bound (Burda et al. 2016, eq. 8).
 *
 * <p>All noise comes from stateless random ops keyed by a {@code seed} tensor of shape [2], so a
 * bound evaluated twice with the same seed gives the same numbers.
 */
public final class Vae {
  private final ModelDefinition definition;
  private final int dataDim;
  private final int latentDim;
  private final Mlp encoder;
  private final Mlp decoder;
  private final Prior prior;
  private final Likelihood likelihood;
  private final int classes;

  /**
   * Creates the model's variables: {@code encoder.dense_i.{kernel,bias}} and {@code
   * decoder.dense_i.{kernel,bias}}.
   *
   * @param definition the model definition
   * @param dataDim size of x (784 for MNIST)
   * @param params the variable factory (initialised for training, restored for export)
   */
  public Vae(ModelDefinition definition, int dataDim, Parameters params) {
    this(definition, dataDim, params, createPrior(definition, params), createLikelihood(definition));
  }

  /**
   * Creates a model with a prior and likelihood of the caller's choosing (the definition's prior
   * and likelihood fields are then ignored).
   *
   * @param definition the model definition (networks, β, objective)
   * @param dataDim size of x
   * @param params the variable factory
   * @param prior p(z)
   * @param likelihood p(x|z)
   */
  public Vae(
      ModelDefinition definition,
      int dataDim,
      Parameters params,
      Prior prior,
      Likelihood likelihood) {
    this.definition = definition;
    this.dataDim = dataDim;
    this.latentDim = definition.latentDim();
    this.prior = prior;
    this.likelihood = likelihood;
    this.classes = definition.conditional() ? definition.classes() : 0;
    this.encoder =
        new Mlp(
            params,
            "encoder",
            dataDim + classes,
            definition.encoderHidden(),
            2 * latentDim,
            definition.encoderActivation());
    this.decoder =
        new Mlp(
            params,
            "decoder",
            latentDim + classes,
            definition.decoderHidden(),
            likelihood.parameterWidth(dataDim),
            definition.decoderActivation());
  }

  private static Prior createPrior(ModelDefinition d, Parameters params) {
    switch (d.priorKind()) {
      case STANDARD_NORMAL:
        return new StandardNormalPrior(d.latentDim());
      case MIXTURE:
        return new MixtureOfGaussiansPrior(params, d.mixtureComponents(), d.latentDim());
      default:
        throw new IllegalArgumentException(d.source() + ": prior: unsupported " + d.priorKind());
    }
  }

  private static Likelihood createLikelihood(ModelDefinition d) {
    switch (d.likelihoodKind()) {
      case BERNOULLI:
        return new BernoulliLikelihood();
      case GAUSSIAN:
        return new GaussianLikelihood(d.gaussianVariance(), d.learnVariance());
      default:
        throw new IllegalArgumentException(
            d.source() + ": likelihood: unsupported " + d.likelihoodKind());
    }
  }

  /**
   * q(z|x).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @return the posterior
   */
  public DiagonalGaussian encode(Ops tf, Operand<TFloat32> x) {
    return encode(tf, x, null);
  }

  /**
   * q(z|x, y): the encoder reads concat(x, y) when the model is conditional.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes], or null for an unconditional model
   * @return the posterior
   */
  public DiagonalGaussian encode(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y) {
    return DiagonalGaussian.fromNetworkOutput(tf, encoder.apply(tf, withLabels(tf, x, y)));
  }

  /** concat(v, y) along the last axis for a conditional model; v itself otherwise. */
  private Operand<TFloat32> withLabels(Ops tf, Operand<TFloat32> v, Operand<TFloat32> y) {
    if (classes == 0) {
      return v;
    }
    if (y == null) {
      throw new IllegalArgumentException(
          definition.source() + ": the model is conditional (conditional: true): labels y are required");
    }
    return tf.concat(List.of(v, y), tf.constant(-1));
  }

  /**
   * Decoder output (the likelihood's parameters, logits for Bernoulli).
   *
   * @param tf ops
   * @param z codes, [n, latentDim]
   * @return parameters, [n, width]
   */
  public Operand<TFloat32> decode(Ops tf, Operand<TFloat32> z) {
    return decode(tf, z, null);
  }

  /**
   * Decoder output for p(x|z, y): the decoder reads concat(z, y) when the model is conditional.
   *
   * @param tf ops
   * @param z codes, [n, latentDim]
   * @param y one-hot labels, [n, classes], or null for an unconditional model
   * @return parameters, [n, width]
   */
  public Operand<TFloat32> decode(Ops tf, Operand<TFloat32> z, Operand<TFloat32> y) {
    return decoder.apply(tf, withLabels(tf, z, y));
  }

  /**
   * E[x|z].
   *
   * @param tf ops
   * @param z codes, [n, latentDim]
   * @return means, [n, dataDim]
   */
  public Operand<TFloat32> decodeMean(Ops tf, Operand<TFloat32> z) {
    return decodeMean(tf, z, null);
  }

  /**
   * E[x|z, y].
   *
   * @param tf ops
   * @param z codes, [n, latentDim]
   * @param y one-hot labels, [n, classes], or null for an unconditional model
   * @return means, [n, dataDim]
   */
  public Operand<TFloat32> decodeMean(Ops tf, Operand<TFloat32> z, Operand<TFloat32> y) {
    return likelihood.mean(tf, decode(tf, z, y));
  }

  /**
   * The β-weighted negative ELBO and its terms, per example, at one reparameterized sample.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param seed stateless seed of the noise ε, [2]
   * @return nelbo, kl, rec
   */
  public NegativeElbo negativeElbo(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    return negativeElbo(tf, x, null, seed);
  }

  /**
   * The β-weighted negative ELBO of log p(x | y) for a conditional model (y null otherwise).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes], or null
   * @param seed stateless seed of the noise ε, [2]
   * @return nelbo, kl, rec
   */
  public NegativeElbo negativeElbo(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> seed) {
    DiagonalGaussian q = encode(tf, x, y);
    Operand<TFloat32> eps = noise(tf, List.of(batchSize(tf, x), tf.constant(latentDim)), seed);
    Operand<TFloat32> z = q.sample(tf, eps);
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, x, decode(tf, z, y));
    Operand<TFloat32> kl =
        prior
            .analyticKl(tf, q)
            .orElseGet(() -> tf.math.sub(q.logProb(tf, z), prior.logProb(tf, z)));
    return Bounds.negativeElbo(tf, logPxGivenZ, kl, definition.beta());
  }

  /**
   * The negative IWAE-m bound per example. The m samples of each image are drawn as one [m,
   * batch, z] tensor and averaged along axis 0, per image.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param m number of importance samples (scalar)
   * @param seed stateless seed of the noise, [2]
   * @return −IWAE_m, [batch]
   */
  public Operand<TFloat32> negativeIwae(
      Ops tf, Operand<TFloat32> x, Operand<TInt32> m, Operand<TInt64> seed) {
    return negativeIwae(tf, x, null, m, seed);
  }

  /**
   * The negative IWAE-m bound of log p(x | y) for a conditional model (y null otherwise).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes], or null
   * @param m number of importance samples (scalar)
   * @param seed stateless seed of the noise, [2]
   * @return −IWAE_m, [batch]
   */
  public Operand<TFloat32> negativeIwae(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt32> m, Operand<TInt64> seed) {
    DiagonalGaussian q = encode(tf, x, y);
    Operand<TInt32> batch = batchSize(tf, x);
    Operand<TFloat32> eps = noise(tf, List.of(m, batch, tf.constant(latentDim)), seed);
    Operand<TFloat32> z = q.sample(tf, eps); // [m, batch, z]
    Operand<TFloat32> flatZ = tf.reshape(z, tf.constant(new int[] {-1, latentDim}));
    // Row i*batch + b of flatZ is sample i of image b: y tiled m times lines up with it.
    Operand<TFloat32> flatY = y == null ? null : tf.tile(y, tf.stack(List.of(m, tf.constant(1))));
    Operand<TFloat32> params = decode(tf, flatZ, flatY); // [m * batch, width]
    Operand<TFloat32> params3 =
        tf.reshape(params, tf.stack(List.of(m, batch, tf.constant(-1))));
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, x, params3); // [m, batch]
    Operand<TFloat32> logPz = prior.logProb(tf, z);
    Operand<TFloat32> logQzGivenX = q.logProb(tf, z);
    return Bounds.negativeIwae(tf, logPxGivenZ, logPz, logQzGivenX);
  }

  /**
   * Samples from the model: z ~ p(z), then E[x|z].
   *
   * @param tf ops
   * @param n number of samples (scalar)
   * @param seed stateless seed, [2]
   * @return means, [n, dataDim]
   */
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> n, Operand<TInt64> seed) {
    return decodeMean(tf, prior.sample(tf, n, seed));
  }

  /**
   * The scalar training loss: the batch mean of the β-weighted negative ELBO, or of the negative
   * IWAE-k bound when the definition's objective is {@code iwae}.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param seed stateless seed of the noise, [2]
   * @return the loss and the ELBO terms (for logging)
   */
  public Loss loss(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    return loss(tf, x, null, seed);
  }

  /**
   * The scalar training loss of a conditional model (y null otherwise); see {@link #loss(Ops,
   * Operand, Operand)}.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes], or null
   * @param seed stateless seed of the noise, [2]
   * @return the loss and the ELBO terms
   */
  public Loss loss(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> seed) {
    NegativeElbo terms = negativeElbo(tf, x, y, seed);
    Operand<TFloat32> perExample =
        definition.bound() == Objective.BoundCase.IWAE
            ? negativeIwae(tf, x, y, tf.constant(definition.iwaeK()), seed)
            : terms.nelbo();
    return new Loss(tf.math.mean(perExample, tf.constant(0)), terms);
  }

  /**
   * A scalar loss with the ELBO terms it is reported with.
   *
   * @param value the scalar minimised
   * @param terms per-example ELBO terms
   */
  public record Loss(Operand<TFloat32> value, NegativeElbo terms) {}

  /**
   * Standard normal noise from a stateless op. The shape comes from the data placeholder, not
   * from the encoder output, so no gradient path runs through the random op.
   */
  private static Operand<TFloat32> noise(
      Ops tf, List<Operand<TInt32>> shape, Operand<TInt64> seed) {
    return tf.stopGradient(tf.random.statelessRandomNormal(tf.stack(shape), seed));
  }

  private static Operand<TInt32> batchSize(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }

  /** Number of label classes the model is conditioned on (0: unconditional). */
  public int classes() {
    return classes;
  }

  /** Size of x. */
  public int dataDim() {
    return dataDim;
  }

  /** Size of z. */
  public int latentDim() {
    return latentDim;
  }

  /** The definition this model was built from. */
  public ModelDefinition definition() {
    return definition;
  }

  /** Multiply-adds of the dense layers for one example through encoder and decoder. */
  public long multiplyAddsPerExample() {
    return encoder.multiplyAdds() + decoder.multiplyAdds();
  }

  /** Multiply-adds of the encoder alone for one example. */
  public long encoderMultiplyAdds() {
    return encoder.multiplyAdds();
  }

  /** Multiply-adds of the decoder alone for one sample. */
  public long decoderMultiplyAdds() {
    return decoder.multiplyAdds();
  }
}
