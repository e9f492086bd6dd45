package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.testing.TestSession;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class OrderedAdamTest {
  /**
   * Three steps on L(w) = sum(w^2)/2 (gradient g = w) against Algorithm 1 of Kingma &amp; Ba with
   * epsilon hat: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; a_t = a sqrt(1-b2^t)/(1-b1^t); w -=
   * a_t m / (sqrt(v) + eps).
   */
  @Test
  void matchesAdamComputedInPlainJava() {
    float lr = 0.1f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
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
      Op train = new OrderedAdam(s.graph, lr, b1, b2, eps).minimize(loss);
      s.session().initialize();
      for (int t = 1; t <= 3; t++) {
        s.session().runner().addTarget(train).run().close();
        double at = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        for (int i = 0; i < 3; i++) {
          double g = w[i];
          m[i] = b1 * m[i] + (1 - b1) * g;
          v[i] = b2 * v[i] + (1 - b2) * g * g;
          w[i] -= at * m[i] / (Math.sqrt(v[i]) + eps);
        }
        try (Result r = s.session().runner().fetch(var).run()) {
          TFloat32 got = (TFloat32) r.get(0);
          for (int i = 0; i < 3; i++) {
            assertEquals(w[i], got.getFloat(i), 1e-5, "step " + t + " coordinate " + i);
          }
        }
      }
    }
  }
}
