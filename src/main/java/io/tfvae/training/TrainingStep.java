package io.tfvae.training;

import io.tfvae.config.LearningRateSchedule;
import io.tfvae.config.TrainingSettings;
import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.SyncReplicas;
import io.tfvae.models.Model;
import io.tfvae.models.StepInputs;
import io.tfvae.models.TrainingObjective;
import io.tfvae.objectives.PartUpdate;
import io.tfvae.util.TfvaeException;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The ops of one training step, under scope {@code train}: the batch (already binarized on the host
 * by {@link StepBatches}), label and step feeds, the model's loss and metrics, and Adam's update
 * ({@link OrderedAdam}) of every variable the model created.
 */
final class TrainingStep {
  /** The scalars of one step, and its trace when one was asked for. */
  record Values(float loss, float[] metrics, RunMetadata metadata) {}

  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> y;
  private final Placeholder<TInt64> step;
  private final Operand<TFloat32> loss;
  private final List<String> metricNames;
  private final List<Operand<TFloat32>> metrics;
  private final Op update;
  private final SyncReplicas sync;

  TrainingStep(
      Graph graph,
      Ops tf,
      Model model,
      int dim,
      long examples,
      boolean feedLabels,
      TrainingConfig config,
      ClusterRole role) {
    TrainingSettings s = config.settings();
    boolean binarize = config.dynamicBinarization();
    // The model's variables, before any optimizer adds its own.
    List<String> weights = ModelVariables.in(graph);
    int classes = model.summary().classes();
    Ops t = tf.withSubScope("train");
    StepInputs.Shard shard =
        role == null ? StepInputs.Shard.WHOLE : new StepInputs.Shard(role.task(), role.workers());
    x = t.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dim)));
    y =
        feedLabels
            ? t.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)))
            : null;
    step = t.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    // The batch arrives binarized (StepBatches): the model reads x as fed.
    StepInputs batch = new StepInputs(x, y, step, s.seed(), binarize, shard, examples);
    // The model's ops run on this worker; its variables were placed by the Parameters.
    Ops onWorker = role == null ? t : t.withDevice(ClusterRole.workerDevice(role.task()));
    TrainingObjective objective = model.training(onWorker, batch);
    Operand<TFloat32> ownLoss = objective.loss();
    metricNames = List.copyOf(objective.metrics().keySet());
    List<Operand<TFloat32>> ownMetrics = List.copyOf(objective.metrics().values());
    LearningRateSchedule schedule = s.schedule();
    OrderedAdam adam =
        schedule.variesWithStep()
            ? new OrderedAdam(
                graph, learningRate(t, schedule, step), s.beta1(), s.beta2(), s.epsilon())
            : new OrderedAdam(graph, s.learningRate(), s.beta1(), s.beta2(), s.epsilon());
    if (s.adamax()) {
      adam.adamax();
    }
    if (role == null) {
      sync = null;
      loss = ownLoss;
      // Fetched beside the loss, which may be one of them (a classifier's cross-entropy): a
      // session fetches each tensor once, so each metric gets an identity of its own.
      metrics = ownMetrics.stream().map(m -> (Operand<TFloat32>) t.identity(m)).toList();
      List<Operand<?>> fetched = new ArrayList<>(metrics);
      fetched.add(loss);
      List<PartUpdate> parts = objective.partUpdates();
      Op minimize;
      if (parts.isEmpty()) {
        adam.alsoFetched(fetched);
        minimize = adam.minimize(loss);
      } else {
        minimize = withParts(graph, t, adam, loss, parts, fetched, weights);
      }
      update =
          s.polyakDecay() > 0f
              ? PolyakAverage.after(graph, tf, minimize, weights, step, s.polyakDecay())
              : minimize;
      return;
    }
    if (s.polyakDecay() > 0f) {
      throw new TfvaeException(
          "--cluster: training.polyak_decay averages the weights in one process; leave out"
              + " --cluster or the averaging");
    }
    if (!objective.partUpdates().isEmpty()) {
      throw new TfvaeException(
          "--cluster: a model with a part trained on its own loss ("
              + objective.partUpdates().get(0).name()
              + ") trains in one process; leave out --cluster");
    }
    // Data parallel: this worker's gradients of its shard's mean loss; the chief averages them.
    adam.placeStateOn(ClusterRole.psDevice(0));
    List<Optimizer.GradAndVar<?>> own = adam.computeGradients(ownLoss);
    List<Operand<TFloat32>> gradients = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (Optimizer.GradAndVar<?> g : own) {
      gradients.add(asFloat(g.getGradient()));
      shapes.add(g.getVariable().shape());
    }
    List<Operand<TFloat32>> statParts = new ArrayList<>();
    statParts.add(ownLoss);
    statParts.addAll(ownMetrics);
    Operand<TFloat32> stats = onWorker.stack(statParts);
    sync = new SyncReplicas(tf, role.workers(), statParts.size(), shapes);
    if (!role.isChief()) {
      loss = null;
      metrics = List.of();
      update = sync.push(t, role.task(), step, stats, gradients);
      return;
    }
    SyncReplicas.Average average = sync.average(step, stats, gradients);
    adam.alsoFetched(List.of(average.stats()));
    List<Optimizer.GradAndVar<? extends TType>> averaged = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      averaged.add(
          new Optimizer.GradAndVar<>(
              average.gradients().get(i).asOutput(), asFloat(own.get(i).getVariable()).asOutput()));
    }
    Op apply = adam.applyGradients(averaged, "train");
    loss = t.withName("global_loss").gather(average.stats(), t.constant(0), t.constant(0));
    List<Operand<TFloat32>> global = new ArrayList<>();
    for (int i = 0; i < ownMetrics.size(); i++) {
      global.add(t.gather(average.stats(), t.constant(i + 1), t.constant(0)));
    }
    metrics = global;
    // The others may start step t + 1 once the update is applied.
    update =
        sync.release(t.withControlDependencies(List.of(apply)), t.math.add(step, t.constant(1L)));
  }

  /**
   * One step of the model's optimizer over every variable but the parts', and of each part's own
   * Adam over its variables (names starting with its prefix), each on its own loss. Every update
   * waits for all of the step's reads of its variable, in either loss, so the result does not
   * depend on which runs first.
   */
  private static Op withParts(
      Graph graph,
      Ops t,
      OrderedAdam adam,
      Operand<TFloat32> loss,
      List<PartUpdate> parts,
      List<Operand<?>> fetched,
      List<String> weights) {
    List<Output<TFloat32>> all =
        weights.stream().map(name -> asFloat(graph.operation(name).output(0))).toList();
    List<List<Output<TFloat32>>> partVariables = new ArrayList<>();
    List<Output<TFloat32>> modelOnly = new ArrayList<>(all);
    for (PartUpdate p : parts) {
      List<Output<TFloat32>> vars =
          all.stream().filter(v -> v.op().name().startsWith(p.variablePrefix())).toList();
      if (vars.isEmpty()) {
        throw new IllegalStateException(
            p.name() + ": no variable is named " + p.variablePrefix() + "*");
      }
      partVariables.add(vars);
      modelOnly.removeAll(vars);
    }
    List<List<Optimizer.GradAndVar<? extends TType>>> grads = new ArrayList<>();
    grads.add(gradients(graph, loss, modelOnly));
    for (int i = 0; i < parts.size(); i++) {
      grads.add(gradients(graph, parts.get(i).loss(), partVariables.get(i)));
    }
    List<Operand<?>> everything = new ArrayList<>(fetched);
    parts.forEach(p -> everything.add(p.loss()));
    grads.forEach(list -> list.forEach(g -> everything.add(g.getGradient())));
    adam.alsoFetched(everything);
    List<Op> applies = new ArrayList<>();
    applies.add(adam.applyGradients(grads.get(0), "train"));
    for (int i = 0; i < parts.size(); i++) {
      PartUpdate p = parts.get(i);
      OrderedAdam partAdam =
          new OrderedAdam(graph, p.learningRate(), p.beta1(), p.beta2(), p.epsilon())
              .stateNamed(p.name());
      partAdam.alsoFetched(everything);
      applies.add(partAdam.applyGradients(grads.get(i + 1), p.name() + "_train"));
    }
    return t.withControlDependencies(applies).noOp();
  }

  /** d loss / d v for each variable, paired with it. */
  private static List<Optimizer.GradAndVar<? extends TType>> gradients(
      Graph graph, Operand<TFloat32> loss, List<Output<TFloat32>> variables) {
    Output<?>[] g = graph.addGradients(loss.asOutput(), variables.toArray(new Output<?>[0]));
    List<Optimizer.GradAndVar<? extends TType>> out = new ArrayList<>();
    for (int i = 0; i < g.length; i++) {
      out.add(new Optimizer.GradAndVar<>(asFloat(g[i]), variables.get(i)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> asFloat(Output<?> o) {
    if (o.type() != TFloat32.class) {
      throw new IllegalArgumentException(o.op().name() + ": expected a float32 tensor");
    }
    return (Output<TFloat32>) o;
  }

  /**
   * A worker's step in a cluster (not the chief's): computes its shard's gradients and pushes them
   * to the parameter server.
   *
   * @param session the worker's session
   * @param pixels the shard's [0,1] pixels
   * @param rows its rows
   * @param oneHot its one-hot labels, or null
   * @param t the step
   * @param options the run's options (its timeout)
   */
  void push(Session session, float[] pixels, int rows, float[] oneHot, long t, RunOptions options) {
    try (Feeds f = new Feeds(pixels, rows, oneHot, t)) {
      f.runner(session).setOptions(options).run().close();
    }
  }

  /** The step's input tensors, closed together: the batch, the step, the labels if fed. */
  private final class Feeds implements AutoCloseable {
    private final TFloat32 xt;
    private final TInt64 st;
    private final TFloat32 yt;

    Feeds(float[] pixels, int rows, float[] oneHot, long t) {
      xt =
          TFloat32.tensorOf(
              Shape.of(rows, pixels.length / rows), DataBuffers.of(pixels, true, false));
      st = TInt64.scalarOf(t);
      yt =
          y == null
              ? null
              : TFloat32.tensorOf(
                  Shape.of(rows, oneHot.length / rows), DataBuffers.of(oneHot, true, false));
    }

    /** A runner of the update with the step's inputs fed. */
    Session.Runner runner(Session session) {
      return fed(session).addTarget(update);
    }

    /** A runner with the step's inputs fed and nothing to run yet. */
    Session.Runner fed(Session session) {
      Session.Runner r = session.runner().feed(x, xt).feed(step, st);
      return yt == null ? r : r.feed(y, yt);
    }

    @Override
    public void close() {
      xt.close();
      st.close();
      if (yt != null) {
        yt.close();
      }
    }
  }

  /**
   * Runs a model's data-dependent initializers on step 0's inputs, each in a run of its own and in
   * order, so each layer's statistics are taken with the layers before it already set: the
   * layer-after-layer pass of Salimans and Kingma 2016, section 3. The noise of step 0 is the one
   * its update will use; nothing is trained.
   *
   * @param session the training session, its variables initialized
   * @param pixels step 0's [0,1] pixels, {@code rows * dim}
   * @param rows its rows
   * @param oneHot its one-hot labels, or null when none are fed
   * @param initializers the ops, in order
   */
  void initializeFromData(
      Session session, float[] pixels, int rows, float[] oneHot, List<Op> initializers) {
    try (Feeds f = new Feeds(pixels, rows, oneHot, 0L)) {
      for (Op init : initializers) {
        f.fed(session).addTarget(init).run().close();
      }
    }
  }

  /** The cluster's queues, or null for one process. */
  SyncReplicas sync() {
    return sync;
  }

  /** The step placeholder, fed with t. */
  Placeholder<TInt64> stepInput() {
    return step;
  }

  /** The batch placeholder. */
  Placeholder<TFloat32> batchInput() {
    return x;
  }

  /** The labels placeholder, or null. */
  Placeholder<TFloat32> labelInput() {
    return y;
  }

  /** The update (for a worker that is not the chief: the push of its gradients). */
  Op update() {
    return update;
  }

  /**
   * The schedule's step size at step t, computed in float64 and rounded once to float32, as {@link
   * LearningRateSchedule#at} computes it.
   */
  static Operand<TFloat32> learningRate(
      Ops tf, LearningRateSchedule schedule, Operand<TInt64> step) {
    Ops t = tf.withSubScope("learning_rate");
    Operand<TFloat64> base;
    if (schedule.cosineSteps() > 0) {
      Operand<TFloat64> progress =
          t.math.minimum(
              t.math.div(
                  t.dtypes.cast(step, TFloat64.class), t.constant((double) schedule.cosineSteps())),
              t.constant(1.0));
      Operand<TFloat64> half =
          t.math.mul(
              t.constant(0.5),
              t.math.add(t.constant(1.0), t.math.cos(t.math.mul(t.constant(Math.PI), progress))));
      base =
          t.math.add(
              t.constant((double) schedule.min()),
              t.math.mul(t.constant((double) schedule.initial() - schedule.min()), half));
    } else if (schedule.decays()) {
      base = exponential(t, schedule, step);
    } else {
      base = t.constant((double) schedule.initial());
    }
    if (schedule.warmUpSteps() > 0) {
      Operand<TFloat64> warm =
          t.math.minimum(
              t.constant(1.0),
              t.math.div(
                  t.math.add(t.dtypes.cast(step, TFloat64.class), t.constant(1.0)),
                  t.constant((double) schedule.warmUpSteps())));
      base = t.math.mul(base, warm);
    }
    return t.dtypes.cast(base, TFloat32.class);
  }

  /** max(min, initial · rate^(t / every)), in float64. */
  private static Operand<TFloat64> exponential(
      Ops t, LearningRateSchedule schedule, Operand<TInt64> step) {
    Operand<TFloat64> periods =
        schedule.staircase()
            ? t.dtypes.cast(t.math.floorDiv(step, t.constant(schedule.every())), TFloat64.class)
            : t.math.div(
                t.dtypes.cast(step, TFloat64.class), t.constant((double) schedule.every()));
    Operand<TFloat64> decayed =
        t.math.mul(
            t.constant((double) schedule.initial()),
            t.math.pow(t.constant((double) schedule.rate()), periods));
    return t.math.maximum(decayed, t.constant((double) schedule.min()));
  }

  List<String> metricNames() {
    return metricNames;
  }

  /**
   * Runs one step.
   *
   * @param session the training session
   * @param pixels the batch's [0,1] pixels, {@code rows * dim}
   * @param oneHot its one-hot labels, or null when none are fed
   * @param t the step number
   * @param trace options that trace the run, or null
   * @return the loss and metrics
   */
  Values run(Session session, float[] pixels, int rows, float[] oneHot, long t, RunOptions trace) {
    try (Feeds f = new Feeds(pixels, rows, oneHot, t)) {
      Session.Runner runner = f.runner(session).fetch(loss);
      metrics.forEach(runner::fetch);
      if (trace != null) {
        runner.setOptions(trace);
      }
      boolean traced = trace != null && trace.getTraceLevel() != RunOptions.TraceLevel.NO_TRACE;
      try (Result r = traced ? runner.runAndFetchMetadata() : runner.run()) {
        float[] m = new float[metrics.size()];
        for (int i = 0; i < m.length; i++) {
          m[i] = ((TFloat32) r.get(i + 1)).getFloat();
        }
        return new Values(((TFloat32) r.get(0)).getFloat(), m, r.getMetadata().orElse(null));
      }
    }
  }
}
