package io.tfvae.training;

import io.tfvae.config.LearningRateSchedule;
import io.tfvae.config.TrainingSettings;
import io.tfvae.models.Model;
import io.tfvae.models.StepInputs;
import io.tfvae.models.TrainingObjective;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
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

/**
 * The ops of one training step, under scope {@code train}: the batch, label and step feeds, the
 * batch's binarization with key (seed, 2t) when the data says so, the model's loss and metrics, and
 * Adam's update ({@link OrderedAdam}) of every variable the model created.
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

  TrainingStep(
      Graph graph,
      Ops tf,
      Model model,
      int dim,
      int classes,
      boolean feedLabels,
      TrainingSettings s,
      boolean binarize) {
    Ops t = tf.withSubScope("train");
    x = t.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dim)));
    y =
        feedLabels
            ? t.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)))
            : null;
    step = t.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    StepInputs raw = new StepInputs(x, y, step, s.seed(), binarize);
    StepInputs batch =
        new StepInputs(raw.prepare(t, x, raw.key(t, 0, 0)), y, step, s.seed(), binarize);
    TrainingObjective objective = model.training(t, batch);
    loss = objective.loss();
    metricNames = List.copyOf(objective.metrics().keySet());
    // Fetched beside the loss, which may be one of them (a classifier's cross-entropy): a session
    // fetches each tensor once, so each metric gets an identity of its own.
    metrics =
        objective.metrics().values().stream().map(m -> (Operand<TFloat32>) t.identity(m)).toList();
    LearningRateSchedule schedule = s.schedule();
    OrderedAdam adam =
        schedule.decays()
            ? new OrderedAdam(
                graph, learningRate(t, schedule, step), s.beta1(), s.beta2(), s.epsilon())
            : new OrderedAdam(graph, s.learningRate(), s.beta1(), s.beta2(), s.epsilon());
    update = adam.minimize(loss);
  }

  /**
   * The schedule's step size at step t, computed in float64 and rounded once to float32, as {@link
   * LearningRateSchedule#at} computes it.
   */
  static Operand<TFloat32> learningRate(
      Ops tf, LearningRateSchedule schedule, Operand<TInt64> step) {
    Ops t = tf.withSubScope("learning_rate");
    Operand<TFloat64> periods =
        schedule.staircase()
            ? t.dtypes.cast(t.math.floorDiv(step, t.constant(schedule.every())), TFloat64.class)
            : t.math.div(
                t.dtypes.cast(step, TFloat64.class), t.constant((double) schedule.every()));
    Operand<TFloat64> decayed =
        t.math.mul(
            t.constant((double) schedule.initial()),
            t.math.pow(t.constant((double) schedule.rate()), periods));
    return t.dtypes.cast(
        t.math.maximum(decayed, t.constant((double) schedule.min())), TFloat32.class);
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
    int dim = pixels.length / rows;
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, dim), DataBuffers.of(pixels, true, false));
        TInt64 st = TInt64.scalarOf(t);
        TFloat32 yt =
            y == null
                ? null
                : TFloat32.tensorOf(
                    Shape.of(rows, oneHot.length / rows), DataBuffers.of(oneHot, true, false))) {
      Session.Runner runner =
          session.runner().feed(x, xt).feed(step, st).addTarget(update).fetch(loss);
      if (yt != null) {
        runner.feed(y, yt);
      }
      metrics.forEach(runner::fetch);
      if (trace != null) {
        runner.setOptions(trace);
      }
      try (Result r = trace != null ? runner.runAndFetchMetadata() : runner.run()) {
        float[] m = new float[metrics.size()];
        for (int i = 0; i < m.length; i++) {
          m[i] = ((TFloat32) r.get(i + 1)).getFloat();
        }
        return new Values(((TFloat32) r.get(0)).getFloat(), m, r.getMetadata().orElse(null));
      }
    }
  }
}
