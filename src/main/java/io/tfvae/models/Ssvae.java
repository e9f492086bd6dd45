package io.tfvae.models;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.proto.Conditioning;
import io.tfvae.config.proto.SsvaeDef;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.nn.Parameters;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.objectives.StepRecord;
import io.tfvae.objectives.WeightedSum;
import io.tfvae.util.TfvaeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The semi-supervised VAE of CS236 homework 2, a variant of M2 (Kingma et al. 2014).
 *
 * <p>Generative model:
 *
 * <ul>
 *   <li>y ~ Categorical(1/C) (uniform)
 *   <li>z ~ p(z) (standard normal by default)
 *   <li>x | z, y ~ p(x | decoder(z, y)) (Bernoulli logits by default)
 * </ul>
 *
 * <p>Inference model:
 *
 * <ul>
 *   <li>y | x ~ q(y|x) = softmax(classifier(x))
 *   <li>z | x, y ~ q(z | encoder(x, y))
 * </ul>
 *
 * <p>Negative ELBO of an unlabelled x, summing over the labels instead of sampling them: KL(q(y|x)
 * ‖ p(y)) + Σ_y q(y|x) [KL(q(z|x,y) ‖ p(z)) − E_q(z|x,y) log p(x|z,y)]. The loss adds the
 * cross-entropy of q(y|x) on the labelled images: gen_weight · NELBO + class_weight · CE. Through
 * the q(y|x) weights the classifier also learns from unlabelled images. With gen_weight 0 the model
 * is the classifier alone, and no encoder or decoder is built.
 *
 * <p>Data: {@link #prepare} takes the labelled images out of the training set (the {@code labelled}
 * setting) and keeps them, with their labels, as constants of the training graph, re-prepared every
 * step with a stream of their own, key (seed + 1, 2t); the trainer iterates over the rest, without
 * labels.
 */
public final class Ssvae implements Model {
  private final SsvaeDef def;
  private final int dataDim;
  private final int classes;
  private final Classifier classifier;
  private final Vae vae;
  private int[] labelled;
  private float[] labelledPixels;
  private float[] labelledOneHot;

  /**
   * Creates the variables {@code classifier.*} and, unless gen_weight is 0, the conditional VAE's
   * {@code encoder.*}, {@code decoder.*} and its prior's.
   *
   * @param def the model's settings
   * @param dataDim size of x
   * @param params the variable factory
   */
  public Ssvae(SsvaeDef def, int dataDim, Parameters params) {
    this.def = def;
    this.dataDim = dataDim;
    this.classes = def.getClasses();
    this.classifier = new Classifier(def.getClassifier(), classes, dataDim, params);
    this.vae =
        def.getGenWeight() > 0f
            ? Parts.vae(generative(def), org.tensorflow.ndarray.Shape.of(dataDim), null)
                .create(params)
            : null;
  }

  /** q(z|x,y) and p(x|z,y) as a conditional VAE of the same settings, trained by the ELBO. */
  private static VaeDef generative(SsvaeDef def) {
    return VaeDef.newBuilder()
        .setLatentDim(def.getLatentDim())
        .setEncoder(def.getEncoder())
        .setDecoder(def.getDecoder())
        .setPrior(def.getPrior())
        .setLikelihood(def.getLikelihood())
        .setConditional(Conditioning.newBuilder().setClasses(def.getClasses()))
        .build();
  }

  /**
   * The label-summed negative ELBO per example. Every image is paired with every label: the [C·B]
   * copies are label-major (rows c·B .. c·B+B−1 carry label c), their terms are reshaped to [C, B]
   * and weighted by q(y|x)ᵀ.
   *
   * @param tf ops
   * @param x unlabelled data, [B, D]
   * @param seed stateless seed of the noise, [2]
   * @return nelbo, kl = KL_y + Σ_y q KL_z, rec = Σ_y q rec_y; each [B]
   */
  public NegativeElbo negativeElbo(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    if (vae == null) {
      throw new IllegalStateException(
          "an SSVAE with gen_weight 0 is a classifier alone: it has no ELBO");
    }
    Operand<TFloat32> logQy = tf.nn.logSoftmax(classifier.logits(tf, x));
    Operand<TFloat32> qy = tf.math.exp(logQy); // [B, C]
    Operand<TInt32> batch = Vae.batchSize(tf, x);
    NegativeElbo perLabel = EveryLabelElbo.of(tf, vae, x, seed); // [C·B]
    Operand<TFloat32> qT = tf.linalg.transpose(qy, tf.constant(new int[] {1, 0})); // [C, B]
    Operand<TInt32> cb = tf.stack(List.of(tf.constant(classes), batch));
    var axis0 = tf.constant(0);
    Operand<TFloat32> klZ = tf.reduceSum(tf.math.mul(qT, tf.reshape(perLabel.kl(), cb)), axis0);
    Operand<TFloat32> rec = tf.reduceSum(tf.math.mul(qT, tf.reshape(perLabel.rec(), cb)), axis0);
    // KL(q(y|x) || uniform) = Σ_y q(y|x) (log q(y|x) − log 1/C)
    Operand<TFloat32> klY =
        tf.reduceSum(
            tf.math.mul(qy, tf.math.add(logQy, tf.constant((float) Math.log(classes)))),
            tf.constant(1));
    Operand<TFloat32> kl = tf.math.add(klY, klZ);
    return new NegativeElbo(tf.math.add(kl, rec), kl, rec);
  }

  /**
   * Chooses the labelled images (the explicit list, repeats kept, or the seeded choice), checks
   * them against the data, and keeps their pixels and labels for the training graph.
   *
   * @return the rest of the training set, without labels
   */
  @Override
  public TrainingData prepare(ImageSet data) {
    if (!data.hasLabels()) {
      throw new TfvaeException(
          "ssvae: an SSVAE chooses its labelled images from labelled training data, and these have no labels");
    }
    labelled = chooseLabelled(data);
    labelledPixels = new float[labelled.length * dataDim];
    data.gatherScaled(labelled, labelledPixels);
    labelledOneHot = new float[labelled.length * classes];
    for (int i = 0; i < labelled.length; i++) {
      labelledOneHot[i * classes + data.label(labelled[i])] = 1f;
    }
    return new TrainingData(data.without(labelled), false);
  }

  private int[] chooseLabelled(ImageSet data) {
    var choice = def.getLabelled();
    if (!choice.hasExplicit()) {
      var seeded = choice.getSeeded();
      return seededLabelledIndices(data, seeded.getPerClass(), classes, seeded.getSeed());
    }
    int[] out =
        choice.getExplicit().getIndicesList().stream()
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    for (int i : out) {
      if (i >= data.count()) {
        throw new TfvaeException(
            "ssvae.labelled.explicit.indices: expected indices below "
                + data.count()
                + " (the training set size), got "
                + i);
      }
      if (data.label(i) >= classes) {
        throw new TfvaeException(
            "ssvae.labelled.explicit.indices: training image "
                + i
                + " has label "
                + data.label(i)
                + ", expected one below classes = "
                + classes);
      }
    }
    return out;
  }

  /**
   * The indices of a seeded choice of labelled images: a permutation of the training set by {@link
   * EpochOrder} with the given seed (its epoch 0), walked in order, keeping the first {@code
   * perClass} images of each class. Sorted ascending.
   *
   * @param data the training images with labels
   * @param perClass images per class
   * @param classes number of classes
   * @param seed the label seed
   * @return the chosen indices
   */
  public static int[] seededLabelledIndices(ImageSet data, int perClass, int classes, long seed) {
    int[] order = new int[data.count()];
    new EpochOrder(data.count(), data.count(), seed).batch(0, order);
    int[] taken = new int[classes];
    int[] out = new int[perClass * classes];
    int k = 0;
    for (int i : order) {
      int c = data.label(i);
      if (c < classes && taken[c] < perClass) {
        taken[c]++;
        out[k++] = i;
        if (k == out.length) {
          break;
        }
      }
    }
    if (k < out.length) {
      throw new TfvaeException(
          "ssvae.labelled.seeded.per_class: the training set has fewer than "
              + perClass
              + " images of some class; counts taken: "
              + Arrays.toString(taken));
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * {@return the training-set indices of the labelled images, sorted, repeats kept (after {@link
   * #prepare})}
   */
  public int[] labelledIndices() {
    if (labelled == null) {
      throw new IllegalStateException("call prepare(data) first: it chooses the labelled images");
    }
    return labelled.clone();
  }

  /** gen_weight · NELBO(batch) + class_weight · CE(labelled images). */
  @Override
  public TrainingObjective training(Ops tf, StepInputs in) {
    if (labelled == null) {
      throw new IllegalStateException("call prepare(data) before training(...)");
    }
    int n = labelled.length;
    Operand<TFloat32> xlPixels =
        tf.constant(Shape.of(n, dataDim), DataBuffers.of(labelledPixels, true, false));
    Operand<TFloat32> yl =
        tf.constant(Shape.of(n, classes), DataBuffers.of(labelledOneHot, true, false));
    Operand<TFloat32> xl = in.prepare(tf, xlPixels, in.key(tf, 1, 0));
    var axis0 = tf.constant(0);
    Operand<TFloat32> ce = tf.math.mean(classifier.crossEntropy(tf, xl, yl), axis0);
    NegativeElbo terms = vae == null ? null : negativeElbo(tf, in.x(), in.noiseKey(tf));
    ObjectiveValue value = objective().loss(tf, new Terms(terms, ce), in.step());
    Operand<TFloat32> loss = value.loss();
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    if (terms != null) {
      metrics.put("nelbo", tf.math.mean(terms.nelbo(), axis0));
      metrics.put("kl", tf.math.mean(terms.kl(), axis0));
      metrics.put("rec", tf.math.mean(terms.rec(), axis0));
    }
    metrics.put("cross_entropy", ce);
    metrics.putAll(value.metrics());
    return new TrainingObjective(loss, metrics);
  }

  /**
   * What training minimises: gen_weight · (the label-summed negative ELBO of the unlabelled batch)
   * + class_weight · (the cross-entropy of q(y | x) on the labelled images); the classifier's term
   * alone when gen_weight is 0.
   *
   * @return the objective
   */
  public Objective objective() {
    return WeightedSum.of(
        vae == null ? null : Elbo.standard(),
        def.getGenWeight(),
        "cross_entropy",
        def.getClassWeight());
  }

  /** The SSVAE's terms: the label-summed bound (none with gen_weight 0) and the cross-entropy. */
  private record Terms(NegativeElbo elbo, Operand<TFloat32> crossEntropy) implements StepRecord {
    @Override
    public Operand<TFloat32> nelbo() {
      return generative().nelbo();
    }

    @Override
    public Operand<TFloat32> rec() {
      return generative().rec();
    }

    @Override
    public Operand<TFloat32> kl() {
      return generative().kl();
    }

    @Override
    public java.util.Optional<Operand<TFloat32>> klPerDimension() {
      return java.util.Optional.empty();
    }

    @Override
    public Operand<TFloat32> negativeIwae(int k) {
      throw new IllegalArgumentException(
          "the SSVAE has no IWAE bound (y is summed out in the ELBO only); train it on elbo");
    }

    @Override
    public Map<String, Operand<TFloat32>> namedLosses() {
      return Map.of("cross_entropy", crossEntropy);
    }

    private NegativeElbo generative() {
      if (elbo == null) {
        throw new IllegalStateException(
            "an SSVAE with gen_weight 0 is a classifier alone: it has no ELBO");
      }
      return elbo;
    }
  }

  /**
   * {@code classify} (x → probabilities); unless gen_weight is 0 also what the conditional VAE
   * answers with y latent ({@link LatentSignatures}): {@code negative_elbo} (x, seed → the
   * label-summed nelbo, kl, rec of an unlabelled x), {@code sample} (n, seed: y uniform, z from the
   * prior), {@code encode} (x, y), {@code decode} (z, y), {@code log_prior} and {@code
   * sample_conditional} (y, z). The posterior over the code (y, z) is no single family (the bound
   * sums y out), so there is no {@code negative_iwae}, {@code log_posterior} or {@code
   * sample_posterior}.
   */
  @Override
  public List<Signature> signatures(Ops tf) {
    Signatures.Inputs in =
        new Signatures.Inputs(tf, dataDim, vae == null ? 0 : vae.latentDim(), classes);
    List<Signature> out = new ArrayList<>();
    out.add(Signatures.classify(in, (s, x, y) -> classifier.probabilities(s, x)));
    if (vae == null) {
      return out;
    }
    out.addAll(
        LatentSignatures.builder(in)
            .optLatentLabels()
            .setNegativeElbo((s, x, y, seed) -> negativeElbo(s, x, seed))
            .setPrior(
                vae.prior(), (s, z, unused) -> vae.decodeMean(s, z, uniformLabels(s, z, in.seed())))
            .setCodes(vae::encode, vae::decodeMean)
            .build());
    return out;
  }

  /**
   * One-hot labels drawn uniformly, one per row of z, with key seed + (2, 0) (the prior uses seed
   * and seed + (1, 0)).
   */
  private Operand<TFloat32> uniformLabels(Ops tf, Operand<TFloat32> z, Operand<TInt64> seed) {
    Operand<TInt32> n = tf.expandDims(Vae.batchSize(tf, z), tf.constant(0));
    Operand<TInt64> key = tf.math.add(seed, tf.constant(new long[] {2, 0}));
    Operand<TInt32> labels =
        tf.random.statelessRandomUniformInt(n, key, tf.constant(0), tf.constant(classes));
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  @Override
  public ModelSummary summary() {
    return new ModelSummary(
        "ssvae",
        vae == null ? 0 : vae.latentDim(),
        classes,
        vae == null ? "none" : vae.summary().likelihood());
  }

  @Override
  public ComputeCost cost() {
    // Per unlabelled example: the classifier once, and the conditional VAE once per label.
    ComputeCost c = classifier.cost();
    if (vae == null) {
      return c;
    }
    ComputeCost v = vae.cost();
    return new ComputeCost(
        c.trainingPerExample() + classes * v.trainingPerExample(), c.evaluationPerImage(), 0);
  }

  /** The conditional VAE inside (null when gen_weight is 0), for tests of the bound. */
  Vae vae() {
    return vae;
  }

  /** {@return the classifier q(y|x)} */
  public Classifier classifier() {
    return classifier;
  }
}
