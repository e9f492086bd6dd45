package io.tfvae.objectives;

import io.tfvae.nn.Activation;
import io.tfvae.nn.Block;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * FactorVAE (Kim and Mnih 2018, "Disentangling by Factorising"): the ELBO plus γ times a
 * density-ratio estimate of the total correlation,
 *
 * <p>E[−log p(x|z)] + KL(q(z|x) ‖ p(z)) + γ·E_q(z)[log D(z) / (1 − D(z))],
 *
 * <p>where the discriminator D, a block of the model ({@code discriminator.*}), tells codes of the
 * batch from codes whose every dimension was shuffled across the batch independently (samples of
 * the product of the marginals, Algorithm 2), and is trained on its own cross-entropy with its own
 * Adam ({@link PartUpdate}; the paper: 1e-4, β1 0.5, β2 0.9), as disentanglement_lib trains it. The
 * model's optimizer never updates D, and D's never the model. The shuffle is drawn from the step's
 * key, stream 3. Reported: {@code tc} (the estimate), {@code discriminator_loss} and {@code
 * discriminator_accuracy}.
 */
public final class FactorVae implements Objective {
  /** Where the discriminator's variables live. */
  public static final String DISCRIMINATOR = "discriminator";

  private final float gamma;
  private final int[] hidden;
  private final float learningRate;
  private final float beta1;
  private final float beta2;
  private final Block discriminator;

  /**
   * A FactorVAE objective.
   *
   * @param gamma γ, a finite number &gt;= 0 (disentanglement_lib's sweep: 10 to 100)
   * @param hidden the discriminator's hidden widths (the paper: six of 1000)
   * @param learningRate the discriminator's Adam step size (the paper: 1e-4)
   * @param beta1 its β1 (the paper: 0.5)
   * @param beta2 its β2 (the paper: 0.9)
   */
  public FactorVae(float gamma, int[] hidden, float learningRate, float beta1, float beta2) {
    this(gamma, hidden, learningRate, beta1, beta2, null);
  }

  private FactorVae(
      float gamma, int[] hidden, float learningRate, float beta1, float beta2, Block d) {
    if (!(gamma >= 0f) || Float.isInfinite(gamma)) {
      throw new IllegalArgumentException(
          "factor_vae.gamma: expected a finite number >= 0, got " + gamma);
    }
    this.gamma = gamma;
    this.hidden = hidden.clone();
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.discriminator = d;
  }

  @Override
  public Objective withParameters(Parameters params, int latentDim) {
    Block d =
        Mlp.spec(hidden, 2, Activation.ELU).create(params, DISCRIMINATOR, Shape.of(latentDim));
    return new FactorVae(gamma, hidden, learningRate, beta1, beta2, d);
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step) {
    if (discriminator == null) {
      throw new IllegalStateException(
          "factor_vae: its discriminator is made by withParameters, which the model calls");
    }
    var axis0 = tf.constant(0);
    Operand<TFloat32> z = record.z();
    // log D(z) − log(1 − D(z)) = logit_0 − logit_1, class 0 being "a code of the batch".
    Operand<TFloat32> logits = discriminator.apply(tf, z);
    Operand<TFloat32> tc =
        tf.math.mean(tf.math.sub(column(tf, logits, 0), column(tf, logits, 1)), axis0);
    Operand<TFloat32> elbo = tf.math.mean(record.nelbo(), axis0);
    Operand<TFloat32> loss = tf.math.add(elbo, tf.math.mul(tf.constant(gamma), tc));

    // The discriminator's own loss, on codes it cannot move: the batch (class 0) and its
    // dimension-wise shuffle (class 1).
    Operand<TFloat32> fixed = tf.stopGradient(z);
    Operand<TFloat32> real = tf.nn.logSoftmax(discriminator.apply(tf, fixed));
    Operand<TFloat32> shuffled =
        tf.nn.logSoftmax(discriminator.apply(tf, shuffleDimensions(tf, fixed, record.key(3))));
    Operand<TFloat32> dLoss =
        tf.math.neg(
            tf.math.mul(
                tf.constant(0.5f),
                tf.math.add(
                    tf.math.mean(column(tf, real, 0), axis0),
                    tf.math.mean(column(tf, shuffled, 1), axis0))));
    Operand<TFloat32> accuracy =
        tf.math.mul(
            tf.constant(0.5f),
            tf.math.add(
                tf.math.mean(correct(tf, real, 0), axis0),
                tf.math.mean(correct(tf, shuffled, 1), axis0)));
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("tc", tc);
    metrics.put("discriminator_loss", dLoss);
    metrics.put("discriminator_accuracy", accuracy);
    PartUpdate d =
        new PartUpdate(
            DISCRIMINATOR, dLoss, DISCRIMINATOR + ".", learningRate, beta1, beta2, 1e-8f);
    return new ObjectiveValue(loss, metrics, List.of(d));
  }

  /** Column k of a [B, 2] matrix, [B]. */
  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> m, int k) {
    return tf.gather(m, tf.constant(k), tf.constant(1));
  }

  /** 1 where class k has the larger log-probability, else 0, [B]. */
  private static Operand<TFloat32> correct(Ops tf, Operand<TFloat32> logProbs, int k) {
    Operand<TFloat32> margin = tf.math.sub(column(tf, logProbs, k), column(tf, logProbs, 1 - k));
    return tf.dtypes.cast(tf.math.greater(margin, tf.constant(0f)), TFloat32.class);
  }

  /**
   * Each dimension of the codes shuffled across the batch on its own (Algorithm 2's permute_dims):
   * the permutation of dimension d sorts a stateless uniform draw of that dimension.
   *
   * @param tf ops
   * @param z codes, [B, D]
   * @param key the draw's key, int64 [2]
   * @return shuffled codes, [B, D]
   */
  static Operand<TFloat32> shuffleDimensions(Ops tf, Operand<TFloat32> z, Operand<TInt64> key) {
    Operand<TFloat32> byDimension = tf.linalg.transpose(z, tf.constant(new int[] {1, 0})); // [D, B]
    Operand<TInt32> batch = tf.gather(tf.shape(z), tf.constant(0), tf.constant(0));
    Operand<TFloat32> u =
        tf.random.statelessRandomUniform(tf.shape(byDimension), key, TFloat32.class);
    Operand<TInt32> order =
        tf.nn
            .topK(u, batch, new org.tensorflow.op.nn.TopK.Options[0])
            .indices(); // [D, B], a permutation per row
    Operand<TFloat32> shuffled =
        tf.gather(byDimension, order, tf.constant(1), Gather.batchDims(1L));
    return tf.linalg.transpose(shuffled, tf.constant(new int[] {1, 0}));
  }

  @Override
  public String describe() {
    return "factor-vae, gamma "
        + gamma
        + ", discriminator "
        + java.util.Arrays.toString(hidden)
        + " elu, its Adam "
        + learningRate
        + " (beta1 "
        + beta1
        + ", beta2 "
        + beta2
        + ")";
  }
}
