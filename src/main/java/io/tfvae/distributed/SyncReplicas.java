package io.tfvae.distributed;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The synchronisation of one data-parallel step, built from TensorFlow's own queues on parameter
 * server 0 (queues, unlike variables, are not saved in checkpoints, so a cluster's checkpoint is a
 * single process's checkpoint).
 *
 * <ul>
 *   <li>Every worker but the chief pushes (its task, the step, its loss and metrics, its gradients)
 *       onto the gradient queue.
 *   <li>The chief takes the other N − 1 pushes at once, puts them in task order, and adds them to
 *       its own in that order, worker 0 first: the sum, and so the whole run, does not depend on
 *       which worker arrived first. The average is the sum divided by N, the gradient of the mean
 *       loss over the global batch. It applies the update, then releases step t + 1 to each worker
 *       through the worker's own step queue (one queue each, so no worker can take another's turn).
 * </ul>
 *
 * Every worker thus starts a step only after the previous update: the steps are synchronous.
 */
public final class SyncReplicas {
  /** The prefix of the queues' shared names on the parameter server. */
  static final String SHARED = "tfvae_sync/";

  private final Ops ps;
  private final int workers;
  private final List<Class<? extends TType>> types = new ArrayList<>();
  private final Operand<? extends TType> gradientQueue;
  private final List<Operand<? extends TType>> stepQueues = new ArrayList<>();

  /**
   * Declares the queues.
   *
   * @param tf ops of this worker's graph
   * @param workers N
   * @param statsWidth the loss and the metrics: 1 + the number of metrics
   * @param gradientShapes the shapes of the variables, in the order of the gradients
   */
  public SyncReplicas(Ops tf, int workers, int statsWidth, List<Shape> gradientShapes) {
    this.ps = tf.withDevice(ClusterRole.psDevice(0)).withSubScope("sync");
    this.workers = workers;
    List<Shape> shapes = new ArrayList<>();
    types.add(TInt64.class); // task
    shapes.add(Shape.scalar());
    types.add(TInt64.class); // step
    shapes.add(Shape.scalar());
    types.add(TFloat32.class); // loss and metrics
    shapes.add(Shape.of(statsWidth));
    for (Shape s : gradientShapes) {
      types.add(TFloat32.class);
      shapes.add(s);
    }
    gradientQueue =
        ps.withName("gradients")
            .io
            .fifoQueue(
                types,
                FifoQueue.shapes(shapes),
                FifoQueue.capacity((long) Math.max(1, workers - 1)),
                FifoQueue.sharedName(SHARED + "gradients"))
            .handle();
    for (int w = 0; w < workers; w++) {
      stepQueues.add(
          ps.withName("steps_" + w)
              .io
              .fifoQueue(
                  List.of(TInt64.class),
                  FifoQueue.shapes(Shape.scalar()),
                  FifoQueue.capacity(2L),
                  FifoQueue.sharedName(SHARED + "steps_" + w))
              .handle());
    }
  }

  /**
   * A non-chief worker's push of its step.
   *
   * @param tf ops
   * @param task the worker's index
   * @param step t
   * @param stats [1 + metrics]: its loss and metrics
   * @param gradients its gradients, in the declared order
   * @return the enqueue
   */
  public Op push(
      Ops tf,
      int task,
      Operand<TInt64> step,
      Operand<TFloat32> stats,
      List<Operand<TFloat32>> gradients) {
    List<Operand<?>> components = new ArrayList<>();
    components.add(tf.constant((long) task));
    components.add(step);
    components.add(stats);
    components.addAll(gradients);
    return ps.withName("push").io.queueEnqueue(gradientQueue, components);
  }

  /** The averaged gradients and stats of a step. */
  public record Average(List<Operand<TFloat32>> gradients, Operand<TFloat32> stats) {}

  /**
   * The chief's average of the step over all workers: its own values plus the others' in task
   * order, divided by N. The others' step numbers must be t.
   *
   * @param step t
   * @param stats the chief's loss and metrics
   * @param gradients the chief's gradients
   * @return the averages
   */
  public Average average(
      Operand<TInt64> step, Operand<TFloat32> stats, List<Operand<TFloat32>> gradients) {
    if (workers == 1) {
      return new Average(gradients, stats);
    }
    int others = workers - 1;
    List<Output<?>> taken =
        ps.withName("take")
            .io
            .queueDequeueMany(gradientQueue, ps.constant(others), types)
            .components();
    @SuppressWarnings("unchecked")
    Operand<TInt64> tasks = (Operand<TInt64>) taken.get(0);
    @SuppressWarnings("unchecked")
    Operand<TInt64> steps = (Operand<TInt64>) taken.get(1);
    Op sameStep =
        ps.withName("same_step")
            .assertThat(ps.reduceAll(ps.math.equal(steps, step), ps.constant(0)), List.of(steps));
    // Position of task w among the others (tasks 1..N-1 arrive in any order).
    Operand<TInt32> order =
        ps.math.invertPermutation(
            ps.dtypes.cast(ps.math.sub(tasks, ps.constant(1L)), TInt32.class));
    Ops after = ps.withControlDependencies(List.of(sameStep));
    Operand<TFloat32> n = ps.constant((float) workers);
    List<Operand<TFloat32>> averaged = new ArrayList<>();
    for (int i = 0; i < gradients.size(); i++) {
      averaged.add(inOrder(after, gradients.get(i), taken.get(3 + i), order, others, n));
    }
    return new Average(averaged, inOrder(after, stats, taken.get(2), order, others, n));
  }

  /** (own + others[0] + ... + others[N-2]) / N with the others in task order. */
  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> inOrder(
      Ops tf,
      Operand<TFloat32> own,
      Output<?> othersTaken,
      Operand<TInt32> order,
      int others,
      Operand<TFloat32> n) {
    Operand<TFloat32> sorted = tf.gather((Operand<TFloat32>) othersTaken, order, tf.constant(0));
    Operand<TFloat32> sum = own;
    for (Output<TFloat32> part : tf.unstack(sorted, (long) others).output()) {
      sum = tf.math.add(sum, part);
    }
    return tf.math.div(sum, n);
  }

  /**
   * Releases a step to every other worker (or, with −1, tells them to stop).
   *
   * @param tf ops, with the control dependencies the release must follow
   * @param step the step the workers are to run next
   * @return the enqueues
   */
  public Op release(Ops tf, Operand<TInt64> step) {
    List<Op> all = new ArrayList<>();
    Ops on = tf.withDevice(ClusterRole.psDevice(0));
    for (int w = 1; w < workers; w++) {
      all.add(on.withSubScope("sync").io.queueEnqueue(stepQueues.get(w), List.of(step)));
    }
    return tf.withControlDependencies(all).noOp();
  }

  /**
   * The step a worker runs next, taken from its queue (−1: stop).
   *
   * @param task the worker
   * @return the dequeue's value
   */
  @SuppressWarnings("unchecked")
  public Operand<TInt64> nextStep(int task) {
    return (Operand<TInt64>)
        ps.withName("next_step_" + task)
            .io
            .queueDequeue(stepQueues.get(task), List.of(TInt64.class))
            .components()
            .get(0);
  }

  /**
   * For the chief after a failed step: closes the gradient queue and takes what is in it, to name
   * the workers whose pushes did not arrive.
   *
   * @return the tasks that pushed, [k]
   */
  @SuppressWarnings("unchecked")
  public Operand<TInt64> arrivedTasks() {
    Op close = ps.withName("close").io.queueClose(gradientQueue);
    return (Operand<TInt64>)
        ps.withControlDependencies(List.of(close))
            .withName("arrived")
            .io
            .queueDequeueUpTo(gradientQueue, ps.constant(Math.max(1, workers - 1)), types)
            .components()
            .get(0);
  }

  /** {@return the number of workers} */
  public int workers() {
    return workers;
  }
}
