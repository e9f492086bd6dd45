package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.config.ModelDefinitionException;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterSettings;

/**
 * The images of each step for this process: batch t of {@link EpochOrder}(seed) over the global
 * batch ({@code training.batch_size}), and of it, in a cluster of N workers, worker i's rows [i·B,
 * (i+1)·B) with B = batch_size / N.
 */
final class StepBatches {
  private final EpochOrder order;
  private final int global;
  private final int rows;
  private final int first;

  private StepBatches(EpochOrder order, int global, int rows, int first) {
    this.order = order;
    this.global = global;
    this.rows = rows;
    this.first = first;
  }

  /**
   * Checks the batch size against the data and the cluster.
   *
   * @param definition the definition (for its source and batch size)
   * @param data the training images
   * @param cluster the cluster, or null for one process
   * @return the batches
   */
  static StepBatches of(ModelDefinition definition, ImageSet data, ClusterSettings cluster) {
    var s = definition.training();
    if (s.batchSize() > data.count()) {
      throw new ModelDefinitionException(
          definition.source()
              + ": training.batch_size: expected at most "
              + data.count()
              + " (the training set size), got "
              + s.batchSize());
    }
    int workers = cluster == null ? 1 : cluster.role().workers();
    if (s.batchSize() % workers != 0) {
      throw new ModelDefinitionException(
          definition.source()
              + ": training.batch_size: expected a multiple of the "
              + workers
              + " workers (each takes an equal share of the global batch), got "
              + s.batchSize());
    }
    int rows = s.batchSize() / workers;
    int task = cluster == null ? 0 : cluster.role().task();
    return new StepBatches(
        new EpochOrder(data.count(), s.batchSize(), s.seed()), s.batchSize(), rows, task * rows);
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

  /** B, the rows this process trains on each step. */
  int rows() {
    return rows;
  }

  /**
   * This process's images of step t.
   *
   * @param step t
   * @return their indices in the training set
   */
  int[] indices(long step) {
    int[] all = new int[global];
    order.batch(step, all);
    return java.util.Arrays.copyOfRange(all, first, first + rows);
  }
}
