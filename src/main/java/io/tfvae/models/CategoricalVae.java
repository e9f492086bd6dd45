package io.tfvae.models;

import io.tfvae.bounds.Bounds;
import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.proto.CategoricalVaeDef;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.CategoricalPosterior;
import io.tfvae.distributions.CategoricalPrior;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.objectives.StepRecord;
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
 * A VAE with discrete latents (Jang, Gu and Poole 2017, section 4.3): N categorical variables of K
 * classes.
 *
 * <p>Generative model:
 *
 * <ul>
 *   <li>z_n ~ Categorical(π_n), n = 1..N (uniform by default), z one-hot, flat N·K
 *   <li>x | z ~ p(x | decoder(z)) (Bernoulli logits by default)
 * </ul>
 *
 * <p>Inference model:
 *
 * <ul>
 *   <li>z_n | x ~ Categorical(softmax(l_n)), l = encoder(x) reshaped [N, K]
 * </ul>
 *
 * <p>Training minimises −log p(x | ỹ) + KL(q(z|x) ‖ p(z)) with ỹ the Gumbel-Softmax relaxed sample
 * at temperature τ(t) = max(τ_min, τ_0 exp(−r t)) (a function of the step, so a resumed run is
 * exact), or its straight-through version; the KL is in closed form. The reported bounds never use
 * the relaxation: the NELBO decodes an exact one-hot sample (Gumbel-max) and uses the closed- form
 * KL; −IWAE-m uses m exact samples with log w = log p(x|z) + log p(z) − log q(z|x).
 */
public final class CategoricalVae implements Model {
  private final CategoricalVaeDef def;
  private final int dataDim;
  private final int variables;
  private final int classes;
  private final Mlp encoder;
  private final PosteriorFamily posterior;
  private final CategoricalPrior prior;
  private final Likelihood likelihood;
  private final Mlp decoder;
  private final Objective objective;

  /**
   * Creates the variables {@code encoder.dense_i.*}, {@code prior.logits} (a learned prior only)
   * and {@code decoder.dense_i.*}.
   *
   * @param def the model's settings
   * @param dataDim size of x
   * @param params the variable factory
   */
  public CategoricalVae(CategoricalVaeDef def, int dataDim, Parameters params) {
    this.def = def;
    this.objective = def.hasObjective() ? Parts.objective(def.getObjective()) : Elbo.standard();
    this.dataDim = dataDim;
    this.variables = def.getVariables();
    this.classes = def.getClasses();
    this.posterior = CategoricalPosterior.family(variables, classes);
    this.likelihood = Parts.likelihood(def.getLikelihood());
    int width = variables * classes;
    this.encoder =
        new Mlp(
            params,
            "encoder",
            dataDim,
            io.tfvae.config.NetworkSpecs.hidden(def.getEncoder()),
            width,
            io.tfvae.config.NetworkSpecs.activation(def.getEncoder().getActivation()));
    this.prior =
        new CategoricalPrior(variables, classes, def.getPrior().hasLearned() ? params : null);
    this.decoder =
        new Mlp(
            params,
            "decoder",
            width,
            io.tfvae.config.NetworkSpecs.hidden(def.getDecoder()),
            likelihood.parameterWidth(dataDim),
            io.tfvae.config.NetworkSpecs.activation(def.getDecoder().getActivation()));
  }

  /**
   * q(z | x).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @return the posterior
   */
  public CategoricalPosterior encode(Ops tf, Operand<TFloat32> x) {
    return (CategoricalPosterior) posterior.fromNetworkOutput(tf, encoder.apply(tf, x));
  }

  /**
   * The decoder's output, the likelihood's parameters (logits for a Bernoulli).
   *
   * @param tf ops
   * @param z codes, [n, N·K]
   * @return parameters, [n, width]
   */
  public Operand<TFloat32> decode(Ops tf, Operand<TFloat32> z) {
    return decoder.apply(tf, z);
  }

  /**
   * E[x | z].
   *
   * @param tf ops
   * @param z codes (one-hot or relaxed), [n, N·K]
   * @return means, [n, dataDim]
   */
  public Operand<TFloat32> decodeMean(Ops tf, Operand<TFloat32> z) {
    return likelihood.mean(tf, decoder.apply(tf, z));
  }

  /**
   * τ(t) = max(τ_min, τ_0 exp(−r t)).
   *
   * @param tf ops
   * @param step t (int64 scalar)
   * @return τ (float scalar)
   */
  public Operand<TFloat32> temperature(Ops tf, Operand<TInt64> step) {
    var t = def.getTemperature();
    Operand<TFloat32> decayed =
        tf.math.mul(
            tf.constant(t.getInitial()),
            tf.math.exp(
                tf.math.mul(tf.constant(-t.getRate()), tf.dtypes.cast(step, TFloat32.class))));
    return tf.math.maximum(decayed, tf.constant(t.getMin()));
  }

  /**
   * The negative ELBO at one exact one-hot sample z ~ q(z|x), with the closed-form KL.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param seed stateless seed of the Gumbel noise, [2]
   * @return nelbo, kl, rec; each [batch]
   */
  public NegativeElbo negativeElbo(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    CategoricalPosterior q = encode(tf, x);
    Operand<TFloat32> z = q.sample(tf, posterior.noise(tf, List.of(Vae.batchSize(tf, x)), 0, seed));
    return Bounds.negativeElbo(
        tf, likelihood.logProb(tf, x, decoder.apply(tf, z)), klToPrior(tf, q), 1f);
  }

  private Operand<TFloat32> klToPrior(Ops tf, CategoricalPosterior q) {
    return prior.analyticKl(tf, q).orElseThrow();
  }

  /**
   * The negative IWAE-m bound with m exact one-hot samples per image, drawn as one [m, batch, N·K]
   * tensor and averaged along axis 0, per image.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param m importance samples (scalar)
   * @param seed stateless seed, [2]
   * @return −IWAE_m, [batch]
   */
  public Operand<TFloat32> negativeIwae(
      Ops tf, Operand<TFloat32> x, Operand<TInt32> m, Operand<TInt64> seed) {
    CategoricalPosterior q = encode(tf, x);
    Operand<TInt32> batch = Vae.batchSize(tf, x);
    Operand<TFloat32> z =
        q.sample(tf, posterior.noise(tf, List.of(m, batch), 0, seed)); // [m, B, NK]
    Operand<TFloat32> flat = tf.reshape(z, tf.constant(new int[] {-1, variables * classes}));
    Operand<TFloat32> params =
        tf.reshape(decoder.apply(tf, flat), tf.stack(List.of(m, batch, tf.constant(-1))));
    return Bounds.negativeIwae(
        tf, likelihood.logProb(tf, x, params), prior.logProb(tf, z), q.logProb(tf, z));
  }

  @Override
  public TrainingData prepare(ImageSet data) {
    return new TrainingData(data, false);
  }

  /**
   * The objective (the ELBO by default: the batch mean of −log p(x | relaxed z) + KL) on the step's
   * record; reports the relaxed terms, τ and what the objective reports.
   */
  @Override
  public TrainingObjective training(Ops tf, StepInputs in) {
    CategoricalPosterior q = encode(tf, in.x());
    Operand<TFloat32> tau = temperature(tf, in.step());
    Operand<TFloat32> noise =
        in.perExample(posterior).noise(tf, List.of(Vae.batchSize(tf, in.x())), 0, in.noiseKey(tf));
    Operand<TFloat32> z = q.relaxed(tf, noise, tau, def.getStraightThrough());
    Operand<TFloat32> logPxGivenZ = likelihood.logProb(tf, in.x(), decoder.apply(tf, z));
    NegativeElbo terms = Bounds.negativeElbo(tf, logPxGivenZ, klToPrior(tf, q), 1f);
    ObjectiveValue value =
        objective.loss(tf, new RelaxedStep(in, q, z, logPxGivenZ, terms), in.step());
    var axis0 = tf.constant(0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("nelbo", tf.math.mean(terms.nelbo(), axis0));
    metrics.put("kl", tf.math.mean(terms.kl(), axis0));
    metrics.put("rec", tf.math.mean(terms.rec(), axis0));
    metrics.put("temperature", tau);
    metrics.putAll(value.metrics());
    return new TrainingObjective(value.loss(), metrics, value.partUpdates());
  }

  /**
   * The step's record at the relaxed code: the bounds, the code and log p(x | z). The relaxed code
   * has no density under the categorical q and p, so objectives that need log q(z|x) or log p(z)
   * (the IWAE bound, β-TCVAE) are refused in a message.
   */
  private final class RelaxedStep implements StepRecord {
    private final StepInputs in;
    private final CategoricalPosterior q;
    private final Operand<TFloat32> z;
    private final Operand<TFloat32> logPxGivenZ;
    private final NegativeElbo terms;

    RelaxedStep(
        StepInputs in,
        CategoricalPosterior q,
        Operand<TFloat32> z,
        Operand<TFloat32> logPxGivenZ,
        NegativeElbo terms) {
      this.in = in;
      this.q = q;
      this.z = z;
      this.logPxGivenZ = logPxGivenZ;
      this.terms = terms;
    }

    @Override
    public Operand<TFloat32> nelbo() {
      return terms.nelbo();
    }

    @Override
    public Operand<TFloat32> rec() {
      return terms.rec();
    }

    @Override
    public Operand<TFloat32> kl() {
      return terms.kl();
    }

    @Override
    public java.util.Optional<Operand<TFloat32>> klPerDimension() {
      return java.util.Optional.empty();
    }

    @Override
    public Operand<TFloat32> negativeIwae(int k) {
      throw noDensity("the IWAE bound");
    }

    @Override
    public Operand<TFloat32> x() {
      return in.x();
    }

    @Override
    public long datasetSize() {
      return in.datasetSize();
    }

    @Override
    public io.tfvae.distributions.Posterior posterior() {
      return q;
    }

    @Override
    public Operand<TFloat32> z() {
      return z;
    }

    @Override
    public Operand<TFloat32> logPxGivenZ() {
      return logPxGivenZ;
    }

    @Override
    public Operand<TFloat32> logQzGivenX() {
      throw noDensity("log q(z|x)");
    }

    @Override
    public Operand<TFloat32> logPz() {
      throw noDensity("log p(z)");
    }

    @Override
    public Likelihood likelihood() {
      return likelihood;
    }

    private IllegalArgumentException noDensity(String what) {
      return new IllegalArgumentException(
          "categorical_vae: the Gumbel-Softmax code is relaxed, so it has no "
              + what
              + " here; train it on elbo {}");
    }
  }

  /**
   * What its parts answer ({@link LatentSignatures}): {@code encode} gives {@code z_probabilities}
   * [-1, N, K] and {@code decode} reads one-hot z [-1, N·K]; the categorical family has no density,
   * so there is no {@code log_posterior} or {@code sample_posterior}.
   */
  @Override
  public List<Signature> signatures(Ops tf) {
    return LatentSignatures.builder(new Signatures.Inputs(tf, dataDim, variables * classes, 0))
        .setNegativeElbo((s, x, y, seed) -> negativeElbo(s, x, seed))
        .setPrior(prior, (s, z, y) -> decodeMean(s, z))
        .setCodes((s, x, y) -> encode(s, x), (s, z, y) -> decodeMean(s, z))
        .optPosterior(
            posterior, variables * classes, (s, x, y, m, seed) -> negativeIwae(s, x, m, seed))
        .build();
  }

  @Override
  public ModelSummary summary() {
    return new ModelSummary("categorical_vae", variables * classes, 0, likelihood.name());
  }

  @Override
  public ComputeCost cost() {
    return ComputeCost.encoderDecoder(encoder.multiplyAdds(), decoder.multiplyAdds());
  }

  /** {@return p(z)} */
  public CategoricalPrior prior() {
    return prior;
  }
}
