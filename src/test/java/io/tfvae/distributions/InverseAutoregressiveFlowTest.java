package io.tfvae.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tfvae.nn.Made;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The inverse autoregressive flow: its masks give an autoregressive map (from the graph's own
 * gradients), its log-determinant is that of a numerically computed Jacobian, its inverse finds the
 * flow's own samples again (VaeTest: its bounds in a VAE).
 */
class InverseAutoregressiveFlowTest {
  private static final int D = 4;

  @Test
  void eachOutputOfAMadeReadsOnlyTheInputsBeforeIt() {
    try (TestSession s = new TestSession()) {
      Made made = new Made(Parameters.initialized(s.tf, 7), "made", D, 3, new int[] {9, 7}, 0f);
      float[] zv = random(2 * D, 1);
      Operand<TFloat32> z = s.f32(zv, 2, D);
      Operand<TFloat32> h = s.f32(random(6, 2), 2, 3);
      List<Operand<TFloat32>> ms = made.apply(s.tf, z, h);
      s.session().initialize();
      for (int out = 0; out < 2; out++) {
        for (int i = 0; i < D; i++) {
          // d(sum over the batch of output i) / dz: zero for inputs j >= i.
          Operand<TFloat32> yi =
              s.tf.reduceSum(
                  s.tf.slice(
                      ms.get(out),
                      s.tf.constant(new int[] {0, i}),
                      s.tf.constant(new int[] {2, 1})),
                  s.tf.constant(new int[] {0, 1}));
          Output<?>[] g = s.graph.addGradients(yi.asOutput(), new Output<?>[] {z.asOutput()});
          @SuppressWarnings("unchecked")
          float[] grad = s.evalF32((Operand<TFloat32>) g[0]);
          for (int b = 0; b < 2; b++) {
            for (int j = 0; j < D; j++) {
              if (j >= i) {
                assertEquals(
                    0f,
                    grad[b * D + j],
                    "output " + out + "[" + i + "] must not read z[" + j + "]");
              }
            }
          }
          if (i > 0) {
            assertNotEquals(0f, grad[i - 1], "output " + i + " reads z[" + (i - 1) + "]");
          }
        }
      }
    }
  }

  @Test
  void logDensityIsTheGaussiansMinusTheLogDeterminantOfANumericalJacobian() {
    int context = 2;
    PosteriorFamily family = InverseAutoregressiveFlow.of(2, new int[] {8}, context);
    try (TestSession s = new TestSession()) {
      PosteriorFamily built = family.create(Parameters.initialized(s.tf, 3), "posterior", D);
      float[] hv = random(2 * D + context, 4);
      Posterior q = built.fromNetworkOutput(s.tf, s.f32(hv, 1, 2 * D + context));
      Placeholder<TFloat32> eps =
          s.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, D)));
      Operand<TFloat32> z = q.sample(s.tf, eps);
      Operand<TFloat32> logQ = q.logProb(s.tf, z);
      // The same density through the inverse (a z this posterior did not draw).
      Operand<TFloat32> inverted = q.logProb(s.tf, s.tf.identity(z));
      s.session().initialize();

      float[] e0 = random(D, 5);
      double[][] jacobian = new double[D][D];
      double step = 1e-2;
      for (int j = 0; j < D; j++) {
        float[] plus = e0.clone();
        float[] minus = e0.clone();
        plus[j] += (float) step;
        minus[j] -= (float) step;
        float[] zp = run(s, z, eps, plus);
        float[] zm = run(s, z, eps, minus);
        for (int i = 0; i < D; i++) {
          jacobian[i][j] = (zp[i] - zm[i]) / (2 * step);
        }
      }
      double logNormal = 0;
      for (float e : e0) {
        logNormal += -0.5 * (Math.log(2 * Math.PI) + e * e);
      }
      double want = logNormal - Math.log(Math.abs(determinant(jacobian)));
      float got = run(s, logQ, eps, e0)[0];
      assertEquals(want, got, 2e-3, "log q(z|x) = log N(eps) - log |det dz/deps|");
      assertEquals(got, run(s, inverted, eps, e0)[0], 1e-4, "the inverse finds the same density");
    }
  }

  private static float[] run(
      TestSession s, Operand<TFloat32> y, Placeholder<TFloat32> eps, float[] e) {
    try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, e.length), DataBuffers.of(e, true, false));
        var r = s.session().runner().feed(eps, in).fetch(y).run()) {
      Tensor t = r.get(0);
      float[] out = new float[(int) t.shape().size()];
      ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * r.nextDouble() - 1);
    }
    return v;
  }

  /** Determinant by Gaussian elimination with partial pivoting. */
  private static double determinant(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double det = 1;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      if (p != c) {
        double[] t = m[p];
        m[p] = m[c];
        m[c] = t;
        det = -det;
      }
      det *= m[c][c];
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k < n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    return det;
  }
}
