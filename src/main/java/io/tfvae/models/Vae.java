package io.tfvae.models;

import io.tfvae.bounds.Bounds;
import io.tfvae.bounds.NegativeElbo;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.Prior;
import io.tfvae.nn.Block;
import io.tfvae.nn.Blocks;
import io.tfvae.nn.Parameters;
import io.tfvae.nn.Shapes;
import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.util.TfvaeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
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
  private final VaeSettings settings;
  private final int dataDim;
  private final int latentDim;
  private final int classes;
  private final Block encoder;
  private final PosteriorFamily posterior;
  private final Prior prior;
  private final Likelihood likelihood;
  private final Block decoder;
  private final Objective objective;

  /**
   * Creates the variables {@code encoder.*}, the prior's (if any) and {@code decoder.*}: the
   * encoder first, since an empirical-Bayes prior is made of it.
   */
  Vae(VaeSettings s, Parameters params) {
    this.settings = s;
    this.dataDim = Math.toIntExact(s.dataShape().size());
    this.latentDim = s.latentDim();
    this.classes = s.classes();
    this.posterior = s.posterior().create(params, "posterior", s.latentDim());
    this.likelihood = s.likelihood();

    this.encoder =
        checkedOutput(
            s.encoder().create(params, "encoder", Shape.of(dataDim + classes)),
            posterior.parameterWidth(latentDim),
            "the posterior's parameters for latent_dim " + latentDim);
    this.prior = s.prior().create(params, latentDim, (tf, x) -> encode(tf, x, null));
    this.decoder =
        checkedOutput(
            s.decoder().create(params, "decoder", Shape.of(latentDim + classes)),
            likelihood.parameterWidth(dataDim),
            "the " + likelihood.name() + " likelihood's parameters for " + dataDim + " values");
    this.objective = s.objective().withParameters(params, latentDim);
  }

  /**
   * Starts a VAE of your own parts: {@link VaeBuilder#setDataShape}, {@link
   * VaeBuilder#setLatentDim}, {@link VaeBuilder#setEncoder} and {@link VaeBuilder#setDecoder} are
   * required.
   *
   * <pre>{@code
   * ModelFactory vae = Vae.builder()
   *     .setDataShape(Shape.of(28, 28, 1))
   *     .setLatentDim(32)
   *     .setEncoder(myConvEncoder)      // [784] -> [64]: the Gaussian posterior's mean and variance
   *     .setDecoder(myConvDecoder)      // [32] -> [784]: Bernoulli logits
   *     .optObjective(Elbo.builder().optWarmUp(0f, 10_000).build())
   *     .build();
   * }</pre>
   *
   * @return a builder
   */
  public static VaeBuilder builder() {
    return new VaeBuilder();
  }

  /** The block itself, once its output width is the one the next part reads. */
  private static Block checkedOutput(Block block, int width, String what) {
    if (!block.outputShape().equals(Shape.of(width))) {
      Block last = Blocks.lastLayer(block);
      throw new IllegalArgumentException(
          block.name()
              + ": its last block "
              + last.name()
              + " ("
              + last.kind()
              + ") maps "
              + Shapes.text(last.inputShape())
              + " to "
              + Shapes.text(block.outputShape())
              + ", expected ["
              + width
              + "] ("
              + what
              + ")");
    }
    return block;
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
    return negativeElbo(tf, encode(tf, x, y), x, y, seed, posterior);
  }

  /** The negative ELBO of q with the noise of {@code noise} (a step's shard-aware family). */
  private NegativeElbo negativeElbo(
      Ops tf,
      Posterior q,
      Operand<TFloat32> x,
      Operand<TFloat32> y,
      Operand<TInt64> seed,
      PosteriorFamily noise) {
    return draw(tf, q, x, y, seed, noise).elbo();
  }

  /** One code z of q per example, log p(x | z) at it, and the negative ELBO's terms. */
  record Draw(Operand<TFloat32> z, Operand<TFloat32> logPxGivenZ, NegativeElbo elbo) {}

  Draw draw(
      Ops tf,
      Posterior q,
      Operand<TFloat32> x,
      Operand<TFloat32> y,
      Operand<TInt64> seed,
      PosteriorFamily noise) {
    Operand<TFloat32> z = q.sample(tf, noise.noise(tf, List.of(batchSize(tf, x)), latentDim, seed));
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, x, decode(tf, z, y));
    Operand<TFloat32> kl =
        prior
            .analyticKl(tf, q)
            .orElseGet(() -> tf.math.sub(q.logProb(tf, z), prior.logProb(tf, z)));
    return new Draw(z, logPxGivenZ, Bounds.negativeElbo(tf, logPxGivenZ, kl, 1f));
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

  Operand<TFloat32> negativeIwae(
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

  /** {@return the objective training minimises} */
  public Objective objective() {
    return objective;
  }

  /**
   * {@return the shape of one example, [H, W, C] for images (x itself is flat in every signature)}
   */
  public Shape dataShape() {
    return settings.dataShape();
  }

  @Override
  public Optional<Shape> imageShape() {
    return settings.dataShape().numDimensions() == 3
        ? Optional.of(settings.dataShape())
        : Optional.empty();
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
   * The objective's loss at the step's noise; the negative ELBO's terms (β = 1) are reported beside
   * it, with whatever the objective reports (the β in force under warm-up).
   */
  @Override
  public TrainingObjective training(Ops tf, StepInputs in) {
    Operand<TInt64> seed = in.noiseKey(tf);
    PosteriorFamily noise = in.perExample(posterior);
    VaeStepRecord terms = new VaeStepRecord(this, tf, in, seed, noise);
    ObjectiveValue value = objective.loss(tf, terms, in.step());
    var axis0 = tf.constant(0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("nelbo", tf.math.mean(terms.nelbo(), axis0));
    metrics.put("kl", tf.math.mean(terms.kl(), axis0));
    metrics.put("rec", tf.math.mean(terms.rec(), axis0));
    metrics.putAll(value.metrics());
    return new TrainingObjective(value.loss(), metrics, value.partUpdates());
  }

  /**
   * What its parts answer ({@link LatentSignatures}): the bounds, the prior's and the codes'
   * signatures, and the posterior's where its family has a density; with observed labels where the
   * model is conditional.
   */
  @Override
  public List<Signature> signatures(Ops tf) {
    LatentSignatures b =
        LatentSignatures.builder(new Signatures.Inputs(tf, dataDim, latentDim, classes))
            .setNegativeElbo(this::negativeElbo)
            .setPrior(prior, this::decodeMean)
            .setCodes(this::encode, this::decodeMean)
            .optPosterior(posterior, latentDim, this::negativeIwae);
    return (classes > 0 ? b.optObservedLabels() : b).build();
  }

  @Override
  public ModelSummary summary() {
    return new ModelSummary(
        settings.kind(), latentDim, classes, likelihood.name(), posterior.layers(latentDim));
  }

  @Override
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(
        settings.kind()
            + ": data "
            + Shapes.text(settings.dataShape())
            + ", latent_dim "
            + latentDim
            + (classes > 0 ? ", conditional on " + classes + " classes" : ""));
    lines.add("posterior: " + posterior.describe());
    lines.add("prior: " + prior.describe());
    lines.add("likelihood: " + likelihood.name());
    lines.add("objective: " + objective.describe());
    lines.addAll(encoder.describe());
    lines.addAll(decoder.describe());
    return lines;
  }

  @Override
  public Map<String, Block> networks() {
    Map<String, Block> n = new LinkedHashMap<>();
    n.put("encoder", encoder);
    n.put("decoder", decoder);
    return n;
  }

  @Override
  public ComputeCost cost() {
    return ComputeCost.encoderDecoder(encoder.multiplyAdds(), decoder.multiplyAdds());
  }

  /** {@return p(z)} */
  public Prior prior() {
    return prior;
  }

  /** {@return p(x | z)} */
  public Likelihood likelihood() {
    return likelihood;
  }

  /** {@return the family of q(z | x)} */
  public PosteriorFamily posteriorFamily() {
    return posterior;
  }

  /** {@return q's network} */
  Block encoder() {
    return encoder;
  }

  /** {@return size of z} */
  public int latentDim() {
    return latentDim;
  }

  /** {@return the number of label classes the model is conditioned on (0: unconditional)} */
  public int classes() {
    return classes;
  }

  static Operand<TInt32> batchSize(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }

  /**
   * Builds a {@link Vae} into a graph: the trainer calls it once for the training graph and once
   * per export.
   */
  public static final class Factory implements ModelFactory {
    private final VaeSettings settings;

    Factory(VaeSettings settings) {
      this.settings = settings;
    }

    @Override
    public Vae create(Parameters params) {
      return new Vae(settings, params);
    }
  }
}
