package io.tfvae.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.testing.TestSession;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class MlpTest {
  /** y = act(x W0 + b0) W1 + b1 in plain Java, from the variables' values. */
  @Test
  void forwardPassMatchesPlainJavaForEachActivation() {
    for (Activation a : new Activation[] {Activation.ELU, Activation.RELU, Activation.TANH}) {
      try (TestSession s = new TestSession()) {
        Mlp mlp = new Mlp(Parameters.initialized(s.tf, 1), "net", 3, new int[] {4}, 2, a);
        float[] x = {0.5f, -1.5f, 2f, -0.2f, 0.1f, 0.9f};
        Operand<TFloat32> y = mlp.apply(s.tf, s.f32(x, 2, 3));
        s.session().initialize();
        List<float[]> w =
            s.evalF32(
                List.of(
                    s.tf.identity(s.graph.<TFloat32>operation("net.dense_0.kernel").output(0)),
                    s.tf.identity(s.graph.<TFloat32>operation("net.dense_0.bias").output(0)),
                    s.tf.identity(s.graph.<TFloat32>operation("net.dense_1.kernel").output(0)),
                    s.tf.identity(s.graph.<TFloat32>operation("net.dense_1.bias").output(0)),
                    y));
        for (int r = 0; r < 2; r++) {
          double[] h = new double[4];
          for (int j = 0; j < 4; j++) {
            double v = w.get(1)[j];
            for (int i = 0; i < 3; i++) {
              v += x[r * 3 + i] * w.get(0)[i * 4 + j];
            }
            h[j] =
                a == Activation.ELU
                    ? (v > 0 ? v : Math.expm1(v))
                    : a == Activation.RELU ? Math.max(0, v) : Math.tanh(v);
          }
          for (int k = 0; k < 2; k++) {
            double v = w.get(3)[k];
            for (int j = 0; j < 4; j++) {
              v += h[j] * w.get(2)[j * 2 + k];
            }
            assertEquals(v, w.get(4)[r * 2 + k], 1e-5, a + " row " + r + " output " + k);
          }
        }
      }
    }
  }

  @Test
  void multiplyAddsAreTheSumOfInTimesOutOverTheLayers() {
    try (TestSession s = new TestSession()) {
      Mlp mlp =
          new Mlp(
              Parameters.initialized(s.tf, 1),
              "net",
              784,
              new int[] {300, 300},
              20,
              Activation.ELU);
      assertEquals(784L * 300 + 300L * 300 + 300L * 20, mlp.multiplyAdds());
    }
  }
}
