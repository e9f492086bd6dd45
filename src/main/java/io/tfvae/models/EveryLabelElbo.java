package io.tfvae.models;

import io.tfvae.bounds.Bounds;
import io.tfvae.bounds.NegativeElbo;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.nn.Block;
import io.tfvae.nn.Mlp;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The negative ELBO of every image under every label of a conditional {@link Vae}: the SSVAE's
 * generative part sums it over q(y | x).
 */
public final class EveryLabelElbo {
  private EveryLabelElbo() {}

  /**
   * The negative ELBO of every image under every label, as {@link Vae#negativeElbo} gives it for
   * the images tiled C times with their labels, but without the repeated work: the encoder's first
   * layer multiplies each image once ({@link Mlp#applyToEveryLabel}), and the likelihood reads the
   * images broadcast over the labels instead of tiled. The noise is the same draw, [C·B, z] under
   * {@code seed}.
   *
   * @param tf ops
   * @param vae a conditional model
   * @param x images, [B, dataDim]
   * @param seed stateless seed of the noise, [2]
   * @return nelbo, kl, rec; each [C·B], label-major (row c·B + b: image b with label c)
   */
  public static NegativeElbo of(Ops tf, Vae vae, Operand<TFloat32> x, Operand<TInt64> seed) {
    int classes = vae.classes();
    if (classes == 0) {
      throw new IllegalStateException("the every-label ELBO needs a conditional model");
    }
    PosteriorFamily posterior = vae.posteriorFamily();
    Operand<TInt32> batch = Vae.batchSize(tf, x);
    Operand<TInt32> rows = tf.math.mul(batch, tf.constant(classes));
    Posterior q = posterior.fromNetworkOutput(tf, encode(tf, vae, x, batch)); // [C·B, ·]
    Operand<TFloat32> z = q.sample(tf, posterior.noise(tf, List.of(rows), vae.latentDim(), seed));
    Operand<TFloat32> params = vae.decode(tf, z, labels(tf, classes, batch)); // [C·B, width]
    Operand<TFloat32> params3 =
        tf.reshape(params, tf.stack(List.of(tf.constant(classes), batch, tf.constant(-1))));
    Operand<TFloat32> logPxGivenZ =
        tf.reshape(vae.likelihood().logProb(tf, x, params3), tf.constant(new int[] {-1})); // [C·B]
    Operand<TFloat32> kl =
        vae.prior()
            .analyticKl(tf, q)
            .orElseGet(() -> tf.math.sub(q.logProb(tf, z), vae.prior().logProb(tf, z)));
    return Bounds.negativeElbo(tf, logPxGivenZ, kl, 1f);
  }

  /**
   * The encoder's output at [x; e_c] for every image and label, label-major: an MLP multiplies each
   * image by its first layer once ({@link Mlp#applyToEveryLabel}); any other block reads the images
   * tiled C times beside their labels.
   */
  private static Operand<TFloat32> encode(
      Ops tf, Vae vae, Operand<TFloat32> x, Operand<TInt32> batch) {
    Block encoder = vae.encoder();
    int classes = vae.classes();
    if (encoder instanceof Mlp mlp) {
      return mlp.applyToEveryLabel(tf, x, classes);
    }
    Operand<TFloat32> tiled = tf.tile(x, tf.stack(List.of(tf.constant(classes), tf.constant(1))));
    return encoder.apply(
        tf, tf.concat(List.of(tiled, labels(tf, classes, batch)), tf.constant(-1)));
  }

  /**
   * One-hot labels [C·B, C], label-major: rows c·B .. c·B + B − 1 carry label c.
   *
   * @param tf ops
   * @param classes C
   * @param batch B
   * @return the labels
   */
  public static Operand<TFloat32> labels(Ops tf, int classes, Operand<TInt32> batch) {
    Operand<TInt32> labels =
        tf.reshape(
            tf.tile(
                tf.expandDims(
                    tf.range(tf.constant(0), tf.constant(classes), tf.constant(1)), tf.constant(1)),
                tf.stack(List.of(tf.constant(1), batch))),
            tf.constant(new int[] {-1}));
    return tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }
}
