package io.tfvae.models;

import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * What the trainer feeds one training step: the batch (already binarized when the definition says
 * so), its one-hot labels when the model asked for them, the step number t, and the keys of the
 * step's random streams. Every stream is a function of (seed, t), so a resumed run is exact.
 *
 * <p>In a cluster each worker sees its {@link Shard} of the global batch. Per-example noise drawn
 * through {@link #perExample} is then the shard's rows of the draw one process would make for the
 * whole batch, so N workers train exactly like one process.
 *
 * @param x the batch (this worker's shard of it), [batch, dataDim]
 * @param y one-hot labels, [batch, classes], or null when the model did not ask for them
 * @param step t, the number of steps completed before this one (int64 scalar)
 * @param seed the training seed
 * @param binarize whether training images are re-binarized every step
 * @param shard which rows of the global batch x holds
 * @param datasetSize N, the training examples the batches are drawn from (0 when unknown)
 */
public record StepInputs(
    Operand<TFloat32> x,
    Operand<TFloat32> y,
    Operand<TInt64> step,
    long seed,
    boolean binarize,
    Shard shard,
    long datasetSize) {

  /**
   * Rows [index * B, (index + 1) * B) of a global batch of count * B rows, B the rows of x.
   *
   * @param index this worker's place, 0 to count - 1
   * @param count the number of workers
   */
  public record Shard(int index, int count) {
    /** One process with the whole batch. */
    public static final Shard WHOLE = new Shard(0, 1);

    /** {@return whether this is the whole batch} */
    public boolean whole() {
      return count == 1;
    }

    /**
     * This shard's rows of a draw made for the global batch: the draw's shape has the global batch
     * on {@code axis}.
     *
     * @param tf ops
     * @param rows B, the shard's rows
     * @param draw makes the draw, given the global batch's rows
     * @param axis the batch axis of the draw
     * @param <T> the draw's type
     * @return the draw's rows [index * B, (index + 1) * B) on that axis
     */
    public <T extends TType> Operand<T> ownRows(
        Ops tf, Operand<TInt32> rows, Function<Operand<TInt32>, Operand<T>> draw, int axis) {
      if (whole()) {
        return draw.apply(rows);
      }
      Operand<T> all = draw.apply(tf.math.mul(rows, tf.constant(count)));
      Operand<TInt32> first = tf.math.mul(rows, tf.constant(index));
      Operand<TInt32> own = tf.range(first, tf.math.add(first, rows), tf.constant(1));
      return tf.gather(all, own, tf.constant(axis));
    }
  }

  /**
   * A step of one process with the whole batch.
   *
   * @param x the batch's pixels
   * @param y its labels (one-hot), or null
   * @param step the step counter
   * @param seed the training seed
   * @param binarize whether to binarize x dynamically
   */
  public StepInputs(
      Operand<TFloat32> x, Operand<TFloat32> y, Operand<TInt64> step, long seed, boolean binarize) {
    this(x, y, step, seed, binarize, Shard.WHOLE, 0);
  }

  /**
   * The posterior family with its noise drawn for the global batch and cut to this shard's rows
   * (the family itself when the batch is whole): use it for every per-example draw of the step.
   *
   * @param family the model's posterior family
   * @return a family whose {@code noise} is shard-aware; its other methods are the family's
   */
  public PosteriorFamily perExample(PosteriorFamily family) {
    if (shard.whole()) {
      return family;
    }
    return new PosteriorFamily() {
      @Override
      public int parameterWidth(int latentDim) {
        return family.parameterWidth(latentDim);
      }

      @Override
      public Posterior fromNetworkOutput(Ops tf, Operand<TFloat32> h) {
        return family.fromNetworkOutput(tf, h);
      }

      @Override
      public boolean hasDensity() {
        return family.hasDensity();
      }

      @Override
      public Operand<TFloat32> noise(
          Ops tf, List<Operand<TInt32>> leadingShape, int latentDim, Operand<TInt64> seed) {
        int batchAxis = leadingShape.size() - 1;
        return shard.ownRows(
            tf,
            leadingShape.get(batchAxis),
            global -> {
              List<Operand<TInt32>> shape = new ArrayList<>(leadingShape);
              shape.set(batchAxis, global);
              return family.noise(tf, shape, latentDim, seed);
            },
            batchAxis);
      }
    };
  }

  /**
   * The key of one of the step's streams: (seed + stream, 2t + offset). The trainer binarizes the
   * batch with (seed, 2t), on the host but with the numbers of a draw under that key; the model's
   * noise is {@link #noiseKey} = (seed, 2t + 1); a model that needs more streams takes other values
   * of {@code stream}.
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

  /**
   * {@return the key of the model's reparameterization noise, (seed, 2t + 1)}
   *
   * @param tf ops
   */
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
