package io.tfvae.models;

import io.tfvae.bounds.Bounds;
import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.data.ImageSet;
import io.tfvae.dist.Likelihood;
import io.tfvae.dist.Posterior;
import io.tfvae.dist.PosteriorFamily;
import io.tfvae.dist.Prior;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import io.tfvae.util.TfvaeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Variational autoencoder (Kingma &amp; Welling 2014) with a pluggable posterior, prior and
 * likelihood.
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
 *   <li>z | x [, y] ~ q(z | encoder(x [, y])) (by default N(μ, diag σ²) with [μ, σ²] = [h₁,
 *       softplus(h₂) + 1e-8])
 * </ul>
 *
 * <p>With {@code conditional} every bound is of log p(x | y) and every method takes the one-hot
 * labels y; the networks read concat(x, y) and concat(z, y).
 *
 * <p>Bounds: the β-weighted negative ELBO −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)), with the KL in
 * closed form where the prior has one (Appendix B of the paper), else log q(z|x) − log p(z) at the
 * same sample; and the negative IWAE-m bound (Burda et al. 2016, eq. 8). Training minimises the
 * batch mean of either, as {@code objective} says.
 *
 * <p>All noise comes from stateless random ops keyed by a {@code seed} tensor of shape [2], so a
 * bound evaluated twice with the same seed gives the same numbers.
 */
public final class Vae implements Model {
  private final VaeDef def;
  private final int dataDim;
  private final int latentDim;
  private final int classes;
  private final Mlp encoder;
  private final PosteriorFamily posterior;
  private final Prior prior;
  private final Likelihood likelihood;
  private final Mlp decoder;

  /**
   * Creates the variables {@code encoder.dense_i.*}, the prior's (if any) and {@code
   * decoder.dense_i.*}, with the parts the definition names.
   *
   * @param def the model's settings
   * @param dataDim size of x (784 for MNIST)
   * @param params the variable factory (initialised for training, restored for export)
   */
  public Vae(VaeDef def, int dataDim, Parameters params) {
    this(def, dataDim, params, null);
  }

  /**
   * Creates a model with a likelihood of the caller's choosing (the definition's {@code likelihood}
   * must then be unset, since it would be ignored).
   *
   * @param def the model's settings
   * @param dataDim size of x
   * @param params the variable factory
   * @param likelihood p(x | z), or null for the definition's
   */
  public Vae(VaeDef def, int dataDim, Parameters params, Likelihood likelihood) {
    this(def, dataDim, params, likelihood, null);
  }

  /**
   * Creates a model whose parts may start from the training images (a VampPrior's pseudo-inputs
   * with {@code init: TRAINING_IMAGES}).
   *
   * @param def the model's settings
   * @param dataDim size of x
   * @param params the variable factory
   * @param likelihood p(x | z), or null for the definition's
   * @param trainingImages the training images, or null (then no part may need them)
   */
  public Vae(
      VaeDef def,
      int dataDim,
      Parameters params,
      Likelihood likelihood,
      io.tfvae.data.ImageSet trainingImages) {
    if (likelihood != null && def.hasLikelihood()) {
      throw new IllegalArgumentException(
          "vae.likelihood: not used when a likelihood is passed to the constructor; leave it unset");
    }
    this.def = def;
    this.dataDim = dataDim;
    this.latentDim = def.getLatentDim();
    this.classes = def.hasConditional() ? def.getConditional().getClasses() : 0;
    this.posterior = Parts.posterior(def.getPosterior());
    this.likelihood = likelihood != null ? likelihood : Parts.likelihood(def.getLikelihood());
    this.encoder =
        new Mlp(
            params,
            "encoder",
            dataDim + classes,
            hidden(def.getEncoder()),
            posterior.parameterWidth(latentDim),
            def.getEncoder().getActivation());
    // The prior is built after the encoder: an empirical-Bayes prior is made of it.
    this.prior =
        Parts.prior(def.getPrior(), dataDim, trainingImages)
            .create(params, latentDim, (tf, x) -> encode(tf, x, null));
    this.decoder =
        new Mlp(
            params,
            "decoder",
            latentDim + classes,
            hidden(def.getDecoder()),
            this.likelihood.parameterWidth(dataDim),
            def.getDecoder().getActivation());
  }

  static int[] hidden(io.tfvae.config.proto.Network n) {
    return n.getHiddenList().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * q(z | x [, y]): the encoder reads concat(x, y) when the model is conditional.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes], or null for an unconditional model
   * @return the posterior
   */
  public Posterior encode(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y) {
    return posterior.fromNetworkOutput(tf, encoder.apply(tf, withLabels(tf, x, y)));
  }

  /** concat(v, y) along the last axis for a conditional model; v itself otherwise. */
  private Operand<TFloat32> withLabels(Ops tf, Operand<TFloat32> v, Operand<TFloat32> y) {
    if (classes == 0) {
      return v;
    }
    if (y == null) {
      throw new IllegalArgumentException("a conditional model needs labels y");
    }
    return tf.concat(List.of(v, y), tf.constant(-1));
  }

  /**
   * The decoder's output, the likelihood's parameters (logits for a Bernoulli).
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
   * E[x | z [, y]].
   *
   * @param tf ops
   * @param z codes, [n, latentDim]
   * @param y one-hot labels, or null
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
   * @param y one-hot labels, [batch, classes], or null
   * @param seed stateless seed of the noise, [2]
   * @return nelbo, kl, rec
   */
  public NegativeElbo negativeElbo(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> seed) {
    return negativeElbo(tf, x, y, seed, posterior);
  }

  /** The negative ELBO with the noise of {@code noise} (a training step's shard-aware family). */
  private NegativeElbo negativeElbo(
      Ops tf,
      Operand<TFloat32> x,
      Operand<TFloat32> y,
      Operand<TInt64> seed,
      PosteriorFamily noise) {
    Posterior q = encode(tf, x, y);
    Operand<TFloat32> z = q.sample(tf, noise.noise(tf, List.of(batchSize(tf, x)), latentDim, seed));
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, x, decode(tf, z, y));
    Operand<TFloat32> kl =
        prior
            .analyticKl(tf, q)
            .orElseGet(() -> tf.math.sub(q.logProb(tf, z), prior.logProb(tf, z)));
    return Bounds.negativeElbo(tf, logPxGivenZ, kl, def.getObjective().getBeta());
  }

  /**
   * The negative ELBO of every image under every label, as {@link #negativeElbo} gives it for the
   * images tiled C times with their labels, but without the repeated work: the encoder's first
   * layer multiplies each image once ({@link Mlp#applyToEveryLabel}), and the likelihood reads the
   * images broadcast over the labels instead of tiled. The noise is the same draw, [C·B, z] under
   * {@code seed}. For a conditional model (the SSVAE's generative part).
   *
   * @param tf ops
   * @param x images, [B, dataDim]
   * @param seed stateless seed of the noise, [2]
   * @return nelbo, kl, rec; each [C·B], label-major (row c·B + b: image b with label c)
   */
  public NegativeElbo negativeElboForEveryLabel(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    if (classes == 0) {
      throw new IllegalStateException("negativeElboForEveryLabel needs a conditional model");
    }
    Operand<TInt32> batch = batchSize(tf, x);
    Operand<TInt32> rows = tf.math.mul(batch, tf.constant(classes));
    Posterior q =
        posterior.fromNetworkOutput(tf, encoder.applyToEveryLabel(tf, x, classes)); // [C·B, ·]
    Operand<TFloat32> z = q.sample(tf, posterior.noise(tf, List.of(rows), latentDim, seed));
    Operand<TFloat32> params = decode(tf, z, everyLabel(tf, batch)); // [C·B, width]
    Operand<TFloat32> params3 =
        tf.reshape(params, tf.stack(List.of(tf.constant(classes), batch, tf.constant(-1))));
    Operand<TFloat32> logPxGivenZ =
        tf.reshape(likelihood.logProb(tf, x, params3), tf.constant(new int[] {-1})); // [C·B]
    Operand<TFloat32> kl =
        prior
            .analyticKl(tf, q)
            .orElseGet(() -> tf.math.sub(q.logProb(tf, z), prior.logProb(tf, z)));
    return Bounds.negativeElbo(tf, logPxGivenZ, kl, def.getObjective().getBeta());
  }

  /** One-hot labels [C·B, C], label-major: rows c·B .. c·B + B − 1 carry label c. */
  Operand<TFloat32> everyLabel(Ops tf, Operand<TInt32> batch) {
    Operand<TInt32> labels =
        tf.reshape(
            tf.tile(
                tf.expandDims(
                    tf.range(tf.constant(0), tf.constant(classes), tf.constant(1)), tf.constant(1)),
                tf.stack(List.of(tf.constant(1), batch))),
            tf.constant(new int[] {-1}));
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  /**
   * The negative IWAE-m bound per example. The m samples of each image are drawn as one [m, batch,
   * z] tensor and averaged along axis 0, per image.
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
    return negativeIwae(tf, x, y, m, seed, posterior);
  }

  private Operand<TFloat32> negativeIwae(
      Ops tf,
      Operand<TFloat32> x,
      Operand<TFloat32> y,
      Operand<TInt32> m,
      Operand<TInt64> seed,
      PosteriorFamily noise) {
    Posterior q = encode(tf, x, y);
    Operand<TInt32> batch = batchSize(tf, x);
    Operand<TFloat32> z = q.sample(tf, noise.noise(tf, List.of(m, batch), latentDim, seed));
    Operand<TFloat32> flatZ = tf.reshape(z, tf.constant(new int[] {-1, latentDim}));
    // Row i*batch + b of flatZ is sample i of image b: y tiled m times lines up with it.
    Operand<TFloat32> flatY = y == null ? null : tf.tile(y, tf.stack(List.of(m, tf.constant(1))));
    Operand<TFloat32> params = decode(tf, flatZ, flatY); // [m * batch, width]
    Operand<TFloat32> params3 = tf.reshape(params, tf.stack(List.of(m, batch, tf.constant(-1))));
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, x, params3); // [m, batch]
    Operand<TFloat32> logPz = prior.logProb(tf, z);
    Operand<TFloat32> logQzGivenX = q.logProb(tf, z);
    return Bounds.negativeIwae(tf, logPxGivenZ, logPz, logQzGivenX);
  }

  @Override
  public TrainingData prepare(ImageSet data) {
    if (classes > 0 && !data.hasLabels()) {
      throw new TfvaeException(
          "vae.conditional: a conditional model trains on labelled images, and these have no labels");
    }
    return new TrainingData(data, classes > 0);
  }

  /**
   * The batch mean of the β-weighted negative ELBO, or of the negative IWAE-k bound when the
   * objective is {@code iwae}; the ELBO's terms are reported either way.
   */
  @Override
  public TrainingObjective training(Ops tf, StepInputs in) {
    Operand<TInt64> seed = in.noiseKey(tf);
    PosteriorFamily noise = in.perExample(posterior);
    NegativeElbo terms = negativeElbo(tf, in.x(), in.y(), seed, noise);
    Operand<TFloat32> perExample =
        def.getObjective().getBoundCase() == Objective.BoundCase.IWAE
            ? negativeIwae(
                tf, in.x(), in.y(), tf.constant(def.getObjective().getIwae().getK()), seed, noise)
            : terms.nelbo();
    var axis0 = tf.constant(0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("nelbo", tf.math.mean(terms.nelbo(), axis0));
    metrics.put("kl", tf.math.mean(terms.kl(), axis0));
    metrics.put("rec", tf.math.mean(terms.rec(), axis0));
    return new TrainingObjective(tf.math.mean(perExample, axis0), metrics);
  }

  /**
   * {@code negative_elbo}, {@code negative_iwae}, {@code sample}, {@code encode}, {@code decode},
   * {@code log_prior}, and for a conditional model {@code sample_conditional}; all but {@code
   * log_prior} take y when the model is conditional.
   */
  @Override
  public List<Signature> signatures(Ops tf) {
    Signatures.Inputs in = new Signatures.Inputs(tf, dataDim, latentDim, classes);
    Operand<TFloat32> y = in.y();
    List<Signature> out = new ArrayList<>();
    out.add(Signatures.negativeElbo(in, y, this::negativeElbo));
    out.add(Signatures.negativeIwae(in, y, this::negativeIwae));
    out.add(Signatures.sample(in, y, prior, this::decodeMean));
    out.add(Signatures.encode(in, y, this::encode));
    out.add(Signatures.decode(in, y, this::decodeMean));
    out.add(Signatures.logPrior(in, prior));
    if (classes > 0) {
      out.add(Signatures.sampleConditional(in, this::decodeMean));
    }
    return out;
  }

  @Override
  public ModelSummary summary() {
    String kind =
        classes > 0
            ? "fsvae"
            : def.getPrior().hasMixture() ? "gmvae" : def.getPrior().hasVamp() ? "vamp" : "vae";
    return new ModelSummary(kind, latentDim, classes, likelihood.name());
  }

  @Override
  public ComputeCost cost() {
    return ComputeCost.encoderDecoder(encoder.multiplyAdds(), decoder.multiplyAdds());
  }

  /** p(z). */
  public Prior prior() {
    return prior;
  }

  /** Size of z. */
  public int latentDim() {
    return latentDim;
  }

  /** Number of label classes the model is conditioned on (0: unconditional). */
  public int classes() {
    return classes;
  }

  static Operand<TInt32> batchSize(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }
}
