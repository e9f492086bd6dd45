package io.tfvae.training;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * One reduction over every float variable of a graph (weights and optimizer slots) that says
 * whether all are finite, so nothing non-finite is ever checkpointed or exported. Build it after
 * the optimizer, so its slots are covered.
 */
final class FiniteWeightsGuard {
  private final Operand<TBool> allFinite;

  FiniteWeightsGuard(Graph graph, Ops tf) {
    Operand<TBool> all = tf.constant(true);
    for (var it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2") && TFloat32.class.equals(op.output(0).type())) {
        Operand<TFloat32> value = tf.identity(op.<TFloat32>output(0));
        var axes = tf.range(tf.constant(0), tf.rank(value), tf.constant(1));
        all = tf.math.logicalAnd(all, tf.reduceAll(tf.math.isFinite(value), axes));
      }
    }
    this.allFinite = all;
  }

  boolean allFinite(Session session) {
    try (Result r = session.runner().fetch(allFinite).run()) {
      return ((TBool) r.get(0)).getBoolean();
    }
  }
}
