package io.tfvae.training;

import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.distributed.ParameterServer;
import io.tfvae.distributed.SyncReplicas;
import io.tfvae.util.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TInt64;

/**
 * The chief's side of a cluster: releasing steps to the other workers, running its own step under a
 * timeout, naming the tasks that failed, and stopping the cluster at the end.
 */
final class ClusterLink {
  private final Session session;
  private final TrainingStep step;
  private final ClusterSettings settings;
  private final Op release;
  private final Op stopServers;
  private final Operand<TInt64> arrived;
  private boolean started;

  ClusterLink(Session session, Ops tf, TrainingStep step, ClusterSettings settings) {
    this.session = session;
    this.step = step;
    this.settings = settings;
    SyncReplicas sync = step.sync();
    Ops t = tf.withSubScope("cluster");
    this.release = sync.release(t, step.stepInput());
    this.stopServers = ParameterServer.stopAll(t, settings.role().cluster().ps().size());
    this.arrived = sync.arrivedTasks();
  }

  /** Lets the other workers start step t. */
  void release(long t) {
    try (TInt64 s = TInt64.scalarOf(t)) {
      session
          .runner()
          .feed(step.stepInput(), s)
          .addTarget(release)
          .setOptions(ClusterSettings.bounded(settings.startupTimeout()))
          .run()
          .close();
    } catch (TensorFlowException e) {
      throw new ClusterFailureException(
          "step "
              + (t + 1)
              + ": cannot reach parameter server "
              + ClusterRole.describe(settings.role().cluster(), "ps", 0)
              + " ("
              + Messages.firstLine(e.getMessage())
              + ")");
    }
  }

  /** Runs the chief's step: its own shard, the average over all workers, the update. */
  TrainingStep.Values run(
      float[] pixels, int rows, float[] oneHot, long t, RunOptions trace, String lastCheckpoint) {
    Duration bound = started ? settings.stepTimeout() : settings.startupTimeout();
    RunOptions options =
        (trace != null ? trace.toBuilder() : RunOptions.newBuilder())
            .setTimeoutInMs(bound.toMillis())
            .build();
    try {
      TrainingStep.Values v = step.run(session, pixels, rows, oneHot, t, options);
      started = true;
      return v;
    } catch (TensorFlowException e) {
      throw new ClusterFailureException(
          "step "
              + (t + 1)
              + ": "
              + missing(bound, e)
              + "; training stopped; last good checkpoint: "
              + lastCheckpoint);
    }
  }

  /** Which workers did not deliver: those whose push is not in the gradient queue. */
  private String missing(Duration bound, TensorFlowException cause) {
    var cluster = settings.role().cluster();
    List<Long> got = new ArrayList<>();
    try (Result r =
        session
            .runner()
            .fetch(arrived)
            .setOptions(ClusterSettings.bounded(Duration.ofSeconds(10)))
            .run()) {
      TInt64 tasks = (TInt64) r.get(0);
      for (int i = 0; i < tasks.shape().size(); i++) {
        got.add(tasks.getLong(i));
      }
    } catch (org.tensorflow.exceptions.TFOutOfRangeException e) {
      // The closed queue was empty: no worker pushed this step.
    } catch (TensorFlowException e) {
      return "parameter server "
          + ClusterRole.describe(cluster, "ps", 0)
          + " does not answer ("
          + Messages.firstLine(cause.getMessage())
          + ")";
    }
    List<String> late = new ArrayList<>();
    for (int w = 1; w < cluster.workers().size(); w++) {
      if (!got.contains((long) w)) {
        late.add(ClusterRole.describe(cluster, "worker", w));
      }
    }
    if (late.isEmpty()) {
      return "the step failed (" + Messages.firstLine(cause.getMessage()) + ")";
    }
    return String.join(", ", late)
        + " sent no gradients within "
        + bound.toSeconds()
        + " s (dead or unreachable)";
  }

  /**
   * Best effort, bounded: tells the other workers and the parameter servers that training is over.
   */
  void stopCluster() {
    try (TInt64 stop = TInt64.scalarOf(-1L)) {
      session
          .runner()
          .feed(step.stepInput(), stop)
          .addTarget(release)
          .addTarget(stopServers)
          .setOptions(ClusterSettings.bounded(Duration.ofSeconds(10)))
          .run()
          .close();
    } catch (TensorFlowException e) {
      System.err.println(
          "warning: could not tell every task that training is over ("
              + Messages.firstLine(e.getMessage())
              + ")");
    }
  }
}
