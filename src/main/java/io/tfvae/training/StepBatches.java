package io.tfvae.training;

import io.tfvae.config.ModelDefinitionException;
import io.tfvae.data.Binarization;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.data.StatelessUniform;
import io.tfvae.distributed.ClusterSettings;

/**
 * The images of each step for this process: batch t of {@link EpochOrder}(seed) over the global
 * batch ({@code training.batch_size}), and of it, in a cluster of N workers, worker i's rows [i·B,
 * (i+1)·B) with B = batch_size / N. When the data is binarized dynamically, step t's images are
 * binarized here, on the host, with the uniform draw under key (seed, 2t) that TensorFlow's
 * stateless op would make for the global batch ({@link Binarization#dynamic}): the numbers the
 * graph used to draw, without the graph's time (a tenth of a VAE step at batch 100).
 */
final class StepBatches {
  /**
   * What step t feeds: the images' indices, the pixels the model sees, their one-hot labels (null
   * when the model takes none).
   */
  record Batch(int[] indices, float[] pixels, float[] oneHot) {}

  private final ImageSet data;
  private final int labelClasses;
  private final EpochOrder order;
  private final int global;
  private final int rows;
  private final int first;
  private final long seed;
  private final boolean binarize;

  private StepBatches(
      ImageSet data,
      int labelClasses,
      EpochOrder order,
      int global,
      int rows,
      int first,
      long seed,
      boolean binarize) {
    this.data = data;
    this.labelClasses = labelClasses;
    this.order = order;
    this.global = global;
    this.rows = rows;
    this.first = first;
    this.seed = seed;
    this.binarize = binarize;
  }

  /**
   * Checks the batch size against the data and the cluster.
   *
   * @param config the training configuration (its source, batch size, seed, binarization)
   * @param data the training images
   * @param cluster the cluster, or null for one process
   * @param labelClasses C when the model is fed one-hot labels, else 0
   * @return the batches
   */
  static StepBatches of(
      TrainingConfig config, ImageSet data, ClusterSettings cluster, int labelClasses) {
    var s = config.settings();
    if (s.batchSize() > data.count()) {
      throw new ModelDefinitionException(
          config.source()
              + ": training.batch_size: expected at most "
              + data.count()
              + " (the training set size), got "
              + s.batchSize());
    }
    int workers = cluster == null ? 1 : cluster.role().workers();
    if (s.batchSize() % workers != 0) {
      throw new ModelDefinitionException(
          config.source()
              + ": training.batch_size: expected a multiple of the "
              + workers
              + " workers (each takes an equal share of the global batch), got "
              + s.batchSize());
    }
    int rows = s.batchSize() / workers;
    int task = cluster == null ? 0 : cluster.role().task();
    return new StepBatches(
        data,
        labelClasses,
        new EpochOrder(data.count(), s.batchSize(), s.seed()),
        s.batchSize(),
        rows,
        task * rows,
        s.seed(),
        config.dynamicBinarization());
  }

  /**
   * Everything step t feeds.
   *
   * @param step t
   * @return its batch
   */
  Batch batch(long step) {
    int[] indices = indices(step);
    return new Batch(
        indices,
        pixels(indices, step),
        labelClasses > 0 ? oneHot(data, indices, labelClasses) : null);
  }

  /**
   * The one-hot labels of some training images.
   *
   * @param data the training images, with labels
   * @param indices which
   * @param classes C
   * @return [indices.length * C] values
   */
  static float[] oneHot(ImageSet data, int[] indices, int classes) {
    int[] labels = new int[indices.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.label(indices[i]);
    }
    return SignatureCalls.oneHotValues(labels, classes);
  }

  /**
   * The images the model sees at step t: this process's rows of the batch, scaled to [0,1] and,
   * when the data is binarized dynamically, binarized under key (seed, 2t).
   *
   * @param indices the images, {@link #indices}(t)
   * @param step t
   * @return {@code indices.length * dim} values
   */
  private float[] pixels(int[] indices, long step) {
    float[] p = new float[indices.length * data.dim()];
    data.gatherScaled(indices, p);
    if (binarize) {
      Binarization.dynamic(p, data.dim(), first, new StatelessUniform(seed, 2 * step));
    }
    return p;
  }

  /**
   * This process's images of step t.
   *
   * @param step t
   * @return their indices in the training set
   */
  private int[] indices(long step) {
    int[] all = new int[global];
    order.batch(step, all);
    return java.util.Arrays.copyOfRange(all, first, first + rows);
  }
}
