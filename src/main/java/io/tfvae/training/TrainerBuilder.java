package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.models.ModelFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builder of {@link Trainer}: {@link #setTrainingData} is required, the rest optional. */
public final class TrainerBuilder {
  final ModelDefinition definition;
  final TrainingConfig config;
  ModelFactory factory;
  ImageSet data;
  Path checkpointDir;
  boolean resume = true;
  ClusterSettings cluster;
  List<io.tfvae.data.DataFile> dataFiles = List.of();
  org.tensorflow.ndarray.Shape imageShape;
  final List<TrainingListener> listeners = new ArrayList<>();

  TrainerBuilder(ModelDefinition definition) {
    this.definition = definition;
    this.config = TrainingConfig.of(definition);
  }

  TrainerBuilder(ModelFactory factory, TrainingConfig config) {
    this.definition = null;
    this.config = config;
    this.factory = factory;
  }

  /**
   * Sets the training images (required). Pixels in [0,1] after scaling by 1/255; with {@code
   * data.binarization: DYNAMIC} every batch is re-binarized.
   *
   * @param data the images
   * @return this
   */
  public TrainerBuilder setTrainingData(ImageSet data) {
    this.data = data;
    return this;
  }

  /**
   * Trains a model of your own instead of the definition's (whose {@code training} and {@code data}
   * settings still apply). The factory is called once for the training graph and once per export.
   *
   * @param factory builds the model into a graph
   * @return this
   */
  public TrainerBuilder optModel(ModelFactory factory) {
    this.factory = factory;
    return this;
  }

  /**
   * Where checkpoints go. Default: a temporary directory removed by {@link Trainer#close()}.
   *
   * @param dir the directory
   * @return this
   */
  public TrainerBuilder optCheckpointDir(Path dir) {
    this.checkpointDir = dir;
    return this;
  }

  /**
   * Whether to resume from the newest checkpoint in the checkpoint directory. Default true.
   *
   * @param resume resume or not
   * @return this
   */
  public TrainerBuilder optResume(boolean resume) {
    this.resume = resume;
    return this;
  }

  /**
   * Trains as the chief (worker 0) of a cluster: variables on the parameter servers, each step's
   * batch split across the workers, gradients averaged synchronously ({@link
   * io.tfvae.distributed.SyncReplicas}). The chief initialises or restores the variables, writes
   * the checkpoints and exports; the other workers run {@link ReplicaWorker}, the parameter servers
   * {@link io.tfvae.distributed.ParameterServer}. {@code training.batch_size} is the global batch.
   *
   * @param settings the chief's role and the timeouts
   * @return this
   */
  public TrainerBuilder optCluster(ClusterSettings settings) {
    if (!settings.role().isChief()) {
      throw new IllegalArgumentException(
          settings.role().describe() + " is not the chief; run ReplicaWorker on it instead");
    }
    this.cluster = settings;
    return this;
  }

  /**
   * Records the user's files the training data came from (and the test file beside them) in the
   * export's manifest, so that the tools find them again.
   *
   * @param files the files, as read
   * @return this
   */
  public TrainerBuilder optDataFiles(List<io.tfvae.data.DataFile> files) {
    this.dataFiles = List.copyOf(files);
    return this;
  }

  /**
   * The shape of one training image, [H, W, C], when the data knows it (a user's file); otherwise
   * it is laid out from the width (square, grey or RGB).
   *
   * @param shape the shape
   * @return this
   */
  public TrainerBuilder optImageShape(org.tensorflow.ndarray.Shape shape) {
    this.imageShape = shape;
    return this;
  }

  /**
   * Adds a listener.
   *
   * @param listener the listener
   * @return this
   */
  public TrainerBuilder addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Builds the graph and initialises (or restores) the session.
   *
   * @return the trainer
   */
  public Trainer build() {
    if (data == null) {
      throw new IllegalStateException("call setTrainingData before build()");
    }
    return new Trainer(this);
  }
}
