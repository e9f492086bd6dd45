package io.tfvae.models;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.nn.Parameters;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
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
 *   <li>z ~ N(0, I)
 *   <li>x | z, y ~ Bern(σ(decoder(z, y)))
 * </ul>
 *
 * <p>Inference model:
 *
 * <ul>
 *   <li>y | x ~ q(y|x) = softmax(classifier(x))
 *   <li>z | x, y ~ N(μ(x, y), diag σ²(x, y))
 * </ul>
 *
 * <p>Negative ELBO of an unlabelled x, summing over the labels instead of sampling them:
 * KL(q(y|x) ‖ p(y)) + Σ_y q(y|x) [KL(q(z|x,y) ‖ p(z)) − E_q(z|x,y) log p(x|z,y)]. The loss adds the
 * cross-entropy of q(y|x) on the labelled images: gen_weight · NELBO + class_weight · CE. Through
 * the q(y|x) weights the classifier also learns from unlabelled images.
 */
public final class Ssvae {
  private final Vae vae;
  private final Classifier classifier;
  private final int classes;

  /**
   * Creates the variables {@code classifier.*}, {@code encoder.*} and {@code decoder.*}.
   *
   * @param definition a definition with {@code kind: SSVAE}
   * @param dataDim size of x
   * @param params the variable factory
   */
  public Ssvae(ModelDefinition definition, int dataDim, Parameters params) {
    this.classifier = new Classifier(definition, dataDim, params);
    // With gen_weight 0 the model is the classifier alone: no encoder or decoder is created.
    this.vae = definition.semiSupervised().getGenWeight() > 0f ? new Vae(definition, dataDim, params) : null;
    this.classes = definition.classes();
  }

  /** The conditional VAE inside, q(z|x,y) and p(x|z,y); null when gen_weight is 0. */
  public Vae vae() {
    return vae;
  }

  /** The classifier q(y|x). */
  public Classifier classifier() {
    return classifier;
  }

  /**
   * The label-summed negative ELBO per example. Every image is paired with every label: the
   * [C·B] copies are label-major (rows c·B .. c·B+B−1 carry label c), their terms are reshaped to
   * [C, B] and weighted by q(y|x)ᵀ.
   *
   * @param tf ops
   * @param x unlabelled data, [B, D]
   * @param seed stateless seed of the noise, [2]
   * @return nelbo, kl = KL_y + Σ_y q KL_z, rec = Σ_y q rec_y; each [B]
   */
  public NegativeElbo negativeElbo(Ops tf, Operand<TFloat32> x, Operand<TInt64> seed) {
    if (vae == null) {
      throw new IllegalStateException("an SSVAE with gen_weight 0 is a classifier alone: it has no ELBO");
    }
    Operand<TFloat32> logits = classifier.logits(tf, x);
    Operand<TFloat32> logQy = tf.nn.logSoftmax(logits);
    Operand<TFloat32> qy = tf.math.exp(logQy); // [B, C]
    Operand<TInt32> batch = tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
    Operand<TFloat32> xAll = tf.tile(x, tf.stack(List.of(tf.constant(classes), tf.constant(1))));
    Operand<TInt32> labels =
        tf.reshape(
            tf.tile(tf.expandDims(tf.range(tf.constant(0), tf.constant(classes), tf.constant(1)), tf.constant(1)),
                tf.stack(List.of(tf.constant(1), batch))),
            tf.constant(new int[] {-1}));
    Operand<TFloat32> yAll = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    NegativeElbo perLabel = vae.negativeElbo(tf, xAll, yAll, seed); // [C·B]
    Operand<TFloat32> qT = tf.linalg.transpose(qy, tf.constant(new int[] {1, 0})); // [C, B]
    Operand<TInt32> cb = tf.stack(List.of(tf.constant(classes), batch));
    var axis0 = tf.constant(0);
    Operand<TFloat32> klZ = tf.reduceSum(tf.math.mul(qT, tf.reshape(perLabel.kl(), cb)), axis0);
    Operand<TFloat32> rec = tf.reduceSum(tf.math.mul(qT, tf.reshape(perLabel.rec(), cb)), axis0);
    // KL(q(y|x) || uniform) = Σ_y q(y|x) (log q(y|x) − log 1/C)
    Operand<TFloat32> klY =
        tf.reduceSum(tf.math.mul(qy, tf.math.add(logQy, tf.constant((float) Math.log(classes)))), tf.constant(1));
    Operand<TFloat32> kl = tf.math.add(klY, klZ);
    return new NegativeElbo(tf.math.add(kl, rec), kl, rec);
  }

  /**
   * The indices of the labelled images: a permutation of the training set by {@link EpochOrder}
   * with seed {@code label_seed} (its epoch 0), walked in order, keeping the first {@code
   * labels_per_class} images of each class. Sorted ascending.
   *
   * @param data the training images with labels
   * @param perClass images per class
   * @param classes number of classes
   * @param seed the label seed
   * @return the chosen indices
   */
  public static int[] labelledIndices(ImageSet data, int perClass, int classes, long seed) {
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
      throw new IllegalArgumentException(
          "the training set has fewer than " + perClass + " images of some class; counts taken: " + Arrays.toString(taken));
    }
    Arrays.sort(out);
    return out;
  }
}
