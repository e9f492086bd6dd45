package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.config.TrainingSettings;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.ClusterServer;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.models.Model;
import io.tfvae.models.ModelFactory;
import io.tfvae.models.Models;
import io.tfvae.models.TrainingData;
import io.tfvae.nn.Parameters;
import io.tfvae.util.Messages;
import java.time.Duration;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * A worker of a cluster other than the chief: it builds the same model over the parameter servers'
 * variables, and for each step the chief releases, computes the gradients of its share of the
 * global batch and pushes them (see {@link io.tfvae.distributed.SyncReplicas}). It keeps no state
 * of its own: a restarted worker just joins the restarted cluster.
 */
public final class ReplicaWorker implements AutoCloseable {
  private final ClusterSettings cluster;
  private final TrainingSettings settings;
  private final Graph graph;
  private final Session session;
  private final TrainingStep trainingStep;
  private final BatchPrefetcher batches;
  private final Operand<TInt64> nextStep;

  /**
   * Builds the worker's graph and joins the cluster.
   *
   * @param definition the model definition (the chief's)
   * @param trainingData the training images (the chief's)
   * @param cluster this worker's role (not the chief) and the timeouts
   */
  public ReplicaWorker(ModelDefinition definition, ImageSet trainingData, ClusterSettings cluster) {
    this(
        TrainingConfig.of(definition),
        trainingData,
        cluster,
        Models.factory(definition, trainingData));
  }

  /**
   * Builds the worker's graph for a model of your own (the chief's factory).
   *
   * @param config the training configuration (the chief's)
   * @param trainingData the training images
   * @param cluster this worker's role and the timeouts
   * @param factory the model
   */
  public ReplicaWorker(
      TrainingConfig config, ImageSet trainingData, ClusterSettings cluster, ModelFactory factory) {
    ClusterRole role = cluster.role();
    if (role.isChief() || role.isParameterServer()) {
      throw new IllegalArgumentException(role.describe() + " is not a worker other than the chief");
    }
    this.cluster = cluster;
    this.settings = config.settings();
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      Model model = factory.create(Parameters.initialized(tf, settings.seed(), role.placement()));
      TrainingData td = model.prepare(trainingData);
      ImageSet data = td.images();
      boolean feedLabels = td.feedLabels();
      int classes = model.summary().classes();
      trainingStep =
          new TrainingStep(graph, tf, model, data.dim(), data.count(), feedLabels, config, role);
      nextStep = trainingStep.sync().nextStep(role.task());
      created = ClusterServer.openSession(graph, cluster, settings.threads(), settings.precision());
      session = created;
      batches =
          new BatchPrefetcher(
              StepBatches.of(config, data, cluster, feedLabels ? classes : 0), settings.steps());
    } catch (RuntimeException e) {
      if (created != null) {
        created.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * Runs the steps the chief releases until it says stop or {@code training.steps} is reached.
   *
   * @return the number of steps this worker ran
   * @throws ClusterFailureException when the chief releases no step within the bound
   */
  public long run() {
    long done = 0;
    boolean first = true;
    while (true) {
      long t = takeStep(first ? cluster.startupTimeout() : cluster.stepTimeout());
      first = false;
      if (t < 0 || t >= settings.steps()) {
        return done;
      }
      StepBatches.Batch b = batches.take(t);
      try {
        trainingStep.push(
            session,
            b.pixels(),
            b.indices().length,
            b.oneHot(),
            t,
            ClusterSettings.bounded(cluster.stepTimeout()));
      } catch (TensorFlowException e) {
        throw new ClusterFailureException(
            cluster.role().describe()
                + ": step "
                + (t + 1)
                + ": cannot deliver its gradients to "
                + ClusterRole.describe(cluster.role().cluster(), "ps", 0)
                + " ("
                + Messages.firstLine(e.getMessage())
                + ")");
      }
      done++;
    }
  }

  private long takeStep(Duration bound) {
    try (Result r =
        session.runner().fetch(nextStep).setOptions(ClusterSettings.bounded(bound)).run()) {
      return ((TInt64) r.get(0)).getLong();
    } catch (TensorFlowException e) {
      throw new ClusterFailureException(
          cluster.role().describe()
              + ": no step from the chief "
              + ClusterRole.describe(cluster.role().cluster(), "worker", 0)
              + " within "
              + bound.toSeconds()
              + " s (dead or unreachable); the chief's checkpoint directory has the last good"
              + " checkpoint");
    }
  }

  /** Closes the session and the graph (the server lives until the process ends). */
  @Override
  public void close() {
    batches.close();
    session.close();
    graph.close();
  }
}
