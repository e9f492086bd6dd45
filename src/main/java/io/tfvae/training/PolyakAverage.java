package io.tfvae.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Polyak averaging (Polyak and Juditsky 1992; the IAF paper evaluates with it): beside each weight
 * w a variable {@code w-polyak} holding a_1 = w_1 and a_t = d·a_{t−1} + (1 − d)·w_t, w_t the weight
 * after step t. It is updated after the step's update, in the same run, and saved with the
 * checkpoint, so a resumed run is exact; an export may write it instead of the weights.
 */
public final class PolyakAverage {
  /** The suffix of an average's variable name. */
  public static final String SUFFIX = "-polyak";

  private PolyakAverage() {}

  /**
   * The step's update followed by the averages' update.
   *
   * @param graph the training graph
   * @param tf ops
   * @param update the step's update of the weights
   * @param weights the weights' variable names
   * @param step t − 1, the steps completed before this one
   * @param decay d in (0, 1)
   * @return an op running both
   */
  static Op after(
      Graph graph, Ops tf, Op update, List<String> weights, Operand<TInt64> step, float decay) {
    Ops after = tf.withControlDependencies(List.of(update));
    Operand<org.tensorflow.types.TBool> first = after.math.equal(step, after.constant(0L));
    List<Op> assigns = new ArrayList<>();
    for (String name : weights) {
      GraphOperation op = graph.operation(name);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> w = (Operand<TFloat32>) (Operand<?>) op.output(0);
      org.tensorflow.ndarray.Shape shape = op.output(0).shape();
      Variable<TFloat32> average = tf.withName(name + SUFFIX).variable(shape, TFloat32.class);
      // Zeros, not a read of w: initializers run in no order; the first step sets a_1 = w_1.
      int[] dims = java.util.Arrays.stream(shape.asArray()).mapToInt(Math::toIntExact).toArray();
      Ops init = tf.withInitScope();
      init.assign(average, init.fill(init.constant(dims), init.constant(0f)));
      Operand<TFloat32> value = after.identity(w);
      Operand<TFloat32> moved =
          after.math.add(
              after.math.mul(after.constant(decay), average),
              after.math.mul(after.constant(1f - decay), value));
      assigns.add(after.assign(average, after.select(first, value, moved)));
    }
    return tf.withControlDependencies(assigns).noOp();
  }
}
