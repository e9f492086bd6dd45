package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class OrderedAdamTest {
  /** One step of an optimizer's rule in plain Java: w, its state, the gradient, the step t. */
  @FunctionalInterface
  private interface Rule {
    void step(double[] w, double[] m, double[] v, int t);
  }

  /**
   * Three steps of an optimizer on L(w) = sum(w^2)/2 (gradient g = w) from w = (1, -2, 0.5),
   * against the same steps computed in plain Java.
   */
  private static void checkThreeSteps(
      java.util.function.Function<org.tensorflow.Graph, OrderedAdam> optimizer, Rule rule) {
    double[] w = {1.0, -2.0, 0.5};
    double[] m = new double[3], v = new double[3];
    try (TestSession s = new TestSession()) {
      Variable<TFloat32> var =
          s.tf.withName("w").variable(s.tf.constant(new float[] {1.0f, -2.0f, 0.5f}));
      var loss =
          s.tf.math.mul(
              s.tf.constant(0.5f),
              s.tf.reduceSum(
                  s.tf.math.square(io.tfvae.nn.Parameters.read(s.tf, var)), s.tf.constant(0)));
      Op train = optimizer.apply(s.graph).minimize(loss);
      s.session().initialize();
      for (int t = 1; t <= 3; t++) {
        s.session().runner().addTarget(train).run().close();
        rule.step(w, m, v, t);
        try (Result r = s.session().runner().fetch(var).run()) {
          TFloat32 got = (TFloat32) r.get(0);
          for (int i = 0; i < 3; i++) {
            assertEquals(w[i], got.getFloat(i), 1e-5, "step " + t + " coordinate " + i);
          }
        }
      }
    }
  }

  /**
   * Algorithm 1 of Kingma &amp; Ba with epsilon hat: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
   * a_t = a sqrt(1-b2^t)/(1-b1^t); w -= a_t m / (sqrt(v) + eps).
   */
  @Test
  void matchesAdamComputedInPlainJava() {
    float lr = 0.1f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    checkThreeSteps(
        g -> new OrderedAdam(g, lr, b1, b2, eps),
        (w, m, v, t) -> {
          double at = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          for (int i = 0; i < 3; i++) {
            double grad = w[i];
            m[i] = b1 * m[i] + (1 - b1) * grad;
            v[i] = b2 * v[i] + (1 - b2) * grad * grad;
            w[i] -= at * m[i] / (Math.sqrt(v[i]) + eps);
          }
        });
  }

  /**
   * Adamax, Algorithm 2 of Kingma &amp; Ba with TensorFlow's ε: m = b1 m + (1-b1) g; u = max(b2 u,
   * |g|); w -= (a/(1-b1^t)) m / (u + eps).
   */
  @Test
  void adamaxMatchesAlgorithmTwoComputedInPlainJava() {
    float lr = 0.1f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    checkThreeSteps(
        g -> new OrderedAdam(g, lr, b1, b2, eps).adamax(),
        (w, m, u, t) -> {
          for (int i = 0; i < 3; i++) {
            double grad = w[i];
            m[i] = b1 * m[i] + (1 - b1) * grad;
            u[i] = Math.max(b2 * u[i], Math.abs(grad));
            w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / (u[i] + eps);
          }
        });
  }

  /** Every op an op waits for, through data and control inputs. */
  private static Set<GraphOperation> ancestors(GraphOperation op) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.add(op);
    while (!todo.isEmpty()) {
      GraphOperation o = todo.poll();
      for (int i = 0; i < o.numInputs(); i++) {
        if (seen.add((GraphOperation) o.input(i).op())) {
          todo.add((GraphOperation) o.input(i).op());
        }
      }
      for (GraphOperation c : o.controlInputs()) {
        if (seen.add(c)) {
          todo.add(c);
        }
      }
    }
    return seen;
  }

  private static GraphOperation updateOf(TestSession s, Variable<TFloat32> var) {
    var it = s.graph.operations();
    while (it.hasNext()) {
      GraphOperation op = (GraphOperation) it.next();
      if (op.type().equals("ApplyAdam") && op.input(0).op().equals(var.op())) {
        return op;
      }
    }
    throw new AssertionError("no ApplyAdam for " + var.op().name());
  }

  /**
   * y = (x W1) W2: W2's update must wait for the backward product dh = dy W2^T, which reads W2 in
   * place, but not for W1's gradient, so it can run beside the rest of the backward pass; W1's
   * update waits for W1's readers.
   */
  @Test
  void eachUpdateWaitsForTheReadersOfItsOwnVariableOnly() {
    try (TestSession s = new TestSession()) {
      Variable<TFloat32> w1 =
          s.tf.withName("w1").variable(s.tf.ones(s.tf.constant(new int[] {3, 4}), TFloat32.class));
      Variable<TFloat32> w2 =
          s.tf.withName("w2").variable(s.tf.ones(s.tf.constant(new int[] {4, 2}), TFloat32.class));
      var x = s.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      var h = s.tf.linalg.matMul(x, io.tfvae.nn.Parameters.read(s.tf, w1));
      var y = s.tf.linalg.matMul(h, io.tfvae.nn.Parameters.read(s.tf, w2));
      var loss = s.tf.reduceSum(s.tf.math.square(y), s.tf.constant(new int[] {0, 1}));
      new OrderedAdam(s.graph, 0.1f, 0.9f, 0.999f, 1e-8f).minimize(loss);
      GraphOperation update1 = updateOf(s, w1);
      GraphOperation update2 = updateOf(s, w2);
      // The readers of W2 in the step: the forward product and the backward dh = dy W2^T.
      Set<GraphOperation> w2Readers = new HashSet<>();
      for (GraphOperation id : ((GraphOperation) w2.op()).consumers()) {
        if (id.type().equals("Identity")) {
          w2Readers.addAll(id.consumers());
        }
      }
      assertEquals(2, w2Readers.size(), "forward and backward products read W2");
      assertTrue(
          update2.controlInputs().containsAll(w2Readers), "W2's update waits for its readers");
      // W1's gradient x^T dh: the MatMul whose output is W1's update's gradient input (input 9).
      GraphOperation w1Gradient = (GraphOperation) update1.input(9).op();
      assertFalse(
          ancestors(update2).contains(w1Gradient), "W2's update does not wait for W1's gradient");
      // W1's in-step reader is the forward product (dx = dh W1^T is built but never run).
      assertTrue(update1.controlInputs().contains((GraphOperation) h.op()));
    }
  }
}
