package io.tfvae.models;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What the trainer feeds one training step: the batch (already binarized when the definition says
 * so), its one-hot labels when the model asked for them, the step number t, and the keys of the
 * step's random streams. Every stream is a function of (seed, t), so a resumed run is exact.
 *
 * @param x the batch, [batch, dataDim]
 * @param y one-hot labels, [batch, classes], or null when the model did not ask for them
 * @param step t, the number of steps completed before this one (int64 scalar)
 * @param seed the training seed
 * @param binarize whether training images are re-binarized every step
 */
public record StepInputs(
    Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> step, long seed, boolean binarize) {

  /**
   * The key of one of the step's streams: (seed + stream, 2t + offset). The trainer binarizes the
   * batch with (seed, 2t); the model's noise is {@link #noiseKey} = (seed, 2t + 1); a model that
   * needs more streams takes other values of {@code stream}.
   *
   * @param tf ops
   * @param stream added to the seed
   * @param offset 0 or 1, added to 2t
   * @return the key, int64 [2]
   */
  public Operand<TInt64> key(Ops tf, long stream, long offset) {
    Operand<TInt64> twoT = tf.math.mul(step, tf.constant(2L));
    return tf.stack(
        List.of(
            tf.constant(seed + stream),
            offset == 0 ? twoT : tf.math.add(twoT, tf.constant(offset))));
  }

  /** The key of the model's reparameterization noise, (seed, 2t + 1). */
  public Operand<TInt64> noiseKey(Ops tf) {
    return key(tf, 0, 1);
  }

  /**
   * Prepares other [0,1] images the way the trainer prepares the batch: when training images are
   * binarized, x ~ Bernoulli(p) by a uniform draw under the given key; else the values.
   *
   * @param tf ops
   * @param pixels [0,1] values
   * @param key stateless key of the draw
   * @return the images the model sees
   */
  public Operand<TFloat32> prepare(Ops tf, Operand<TFloat32> pixels, Operand<TInt64> key) {
    return binarize ? bernoulli(tf, pixels, key) : pixels;
  }

  /**
   * x ~ Bernoulli(p): 1 where a stateless uniform draw falls below the pixel's value.
   *
   * @param tf ops
   * @param p [0,1] values
   * @param key stateless key, [2]
   * @return 0/1 values shaped like p
   */
  public static Operand<TFloat32> bernoulli(Ops tf, Operand<TFloat32> p, Operand<TInt64> key) {
    var u = tf.random.statelessRandomUniform(tf.shape(p), key);
    return tf.dtypes.cast(tf.math.less(u, p), TFloat32.class);
  }
}
