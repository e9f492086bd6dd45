package io.tfvae.distributed;

import io.tfvae.util.SessionConfigs;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.RemoteSessions;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A parameter-server task: its server holds the variables (and the step queues) that the workers
 * place there. It runs until the chief says training is over, or until the chief has gone away (its
 * address stops answering), since a server cannot be stopped from Java (see {@link ClusterServer}).
 */
public final class ParameterServer {
  private static final String DONE = SyncReplicas.SHARED + "done_ps_";

  private ParameterServer() {}

  /** How a parameter server's run ended. */
  public enum Ending {
    /** The chief said training is over. */
    DONE,
    /** The chief's address stopped answering. */
    CHIEF_GONE
  }

  /**
   * Serves until told to stop.
   *
   * @param settings the cluster settings, role a {@code ps} task
   * @param threads TensorFlow threads (0: all cores)
   * @return why it stopped
   */
  public static Ending serve(ClusterSettings settings, int threads) {
    ClusterRole role = settings.role();
    ClusterServer.start(role, threads);
    String chief = role.cluster().workers().get(0);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var take =
          tf.io.queueDequeue(doneQueue(tf, role.task()), List.of(TInt64.class)).components().get(0);
      var config =
          SessionConfigs.withThreads(threads).toBuilder()
              .addDeviceFilters("/job:ps/task:" + role.task())
              .build();
      try (Session s = RemoteSessions.open(g, role.target(), config, true)) {
        RunOptions poll = ClusterSettings.bounded(java.time.Duration.ofSeconds(10));
        boolean seenChief = false;
        long startupDeadline = System.nanoTime() + settings.startupTimeout().toNanos();
        while (true) {
          try (Result r = s.runner().fetch(take).setOptions(poll).run()) {
            return Ending.DONE;
          } catch (TensorFlowException timedOut) {
            // Nothing yet: is the chief still there?
          }
          boolean up = ClusterServer.reachable(chief);
          seenChief |= up;
          if (!up && (seenChief || System.nanoTime() > startupDeadline)) {
            return Ending.CHIEF_GONE;
          }
        }
      }
    }
  }

  /** The handle of parameter server i's stop queue. */
  private static Operand<? extends TType> doneQueue(Ops tf, int ps) {
    return tf.withDevice(ClusterRole.psDevice(ps))
        .withName("done_ps_" + ps)
        .io
        .fifoQueue(
            List.of(TInt64.class),
            FifoQueue.shapes(Shape.scalar()),
            FifoQueue.capacity(4L),
            FifoQueue.sharedName(DONE + ps))
        .handle();
  }

  /**
   * The chief's op that tells every parameter server training is over.
   *
   * @param tf ops of the chief's graph
   * @param count the number of parameter servers
   * @return the enqueues
   */
  public static Op stopAll(Ops tf, int count) {
    List<Op> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(
          tf.withDevice(ClusterRole.psDevice(i))
              .io
              .queueEnqueue(doneQueue(tf, i), List.of(tf.constant(1L))));
    }
    return tf.withControlDependencies(all).noOp();
  }
}
