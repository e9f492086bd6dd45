package io.tfvae.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.distributions.Bernoullis;
import io.tfvae.distributions.Gaussians;
import io.tfvae.testing.TestSession;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Graph.addGradients of the bound's building blocks against central finite differences in float64
 * (step 1e-6: truncation error ~1e-12, rounding ~1e-10), and finite gradients at extreme inputs.
 */
class GradientCheckTest {

  /** Checks d sum(f(x)) / dx at x against (f(x+h) - f(x-h)) / 2h for every coordinate. */
  private static void check(
      double[] x0, long[] shape, Function<Ops, Function<Operand<TFloat64>, Operand<TFloat64>>> f) {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
      Operand<TFloat64> y =
          tf.reduceSum(
              f.apply(tf).apply(x),
              tf.range(tf.constant(0), tf.rank(f.apply(tf).apply(x)), tf.constant(1)));
      Output<?>[] g = s.graph.addGradients(y.asOutput(), new Output<?>[] {x.asOutput()});
      double[] analytic = run(s, x, x0, shape, g[0]);
      double h = 1e-6;
      for (int i = 0; i < x0.length; i++) {
        double[] p = x0.clone();
        double[] m = x0.clone();
        p[i] += h;
        m[i] -= h;
        double fd =
            (run(s, x, p, shape, y.asOutput())[0] - run(s, x, m, shape, y.asOutput())[0]) / (2 * h);
        assertEquals(fd, analytic[i], 1e-6 * Math.max(1, Math.abs(fd)), "coordinate " + i);
        assertTrue(Double.isFinite(analytic[i]));
      }
    }
  }

  private static double[] run(
      TestSession s, Placeholder<TFloat64> x, double[] v, long[] shape, Output<?> out) {
    try (TFloat64 t = TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
        Result r = s.session().runner().feed(x, t).fetch(out).run()) {
      TFloat64 o = (TFloat64) r.get(0);
      double[] a = new double[(int) o.shape().size()];
      o.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
  }

  @Test
  void logNormalGradientInMeanAndVariance() {
    double[] mv = {0.3, -1.2, 0.7, 0.9, 1.5, 0.2}; // row 0: mean, row 1: variance
    check(
        mv,
        new long[] {2, 3},
        tf ->
            p -> {
              var parts = tf.split(tf.constant(0), p, 2L).output();
              return Gaussians.logNormal(
                  tf, tf.constant(new double[][] {{1.0, 0.5, -0.3}}), parts.get(0), parts.get(1));
            });
  }

  @Test
  void klStdNormalAndKlNormalGradients() {
    double[] mv = {0.3, -1.2, 0.7, 0.9, 1.5, 0.2};
    check(
        mv,
        new long[] {2, 3},
        tf ->
            p -> {
              var parts = tf.split(tf.constant(0), p, 2L).output();
              return Gaussians.klStdNormal(tf, parts.get(0), parts.get(1));
            });
    check(
        mv,
        new long[] {2, 3},
        tf ->
            p -> {
              var parts = tf.split(tf.constant(0), p, 2L).output();
              return Gaussians.klNormal(
                  tf,
                  parts.get(0),
                  parts.get(1),
                  tf.constant(new double[][] {{0.1, 0.2, 0.3}}),
                  tf.constant(new double[][] {{2.0, 0.5, 1.0}}));
            });
  }

  @Test
  void bernoulliAndLogMeanExpGradients() {
    double[] logits = {2.0, -1.5, 0.0, 4.0, -0.3, 0.8};
    check(
        logits,
        new long[] {2, 3},
        tf ->
            l ->
                Bernoullis.logBernoulliWithLogits(
                    tf, tf.constant(new double[][] {{1, 0, 1}, {0, 1, 1}}), l));
    check(logits, new long[] {3, 2}, tf -> a -> Bounds.logMeanExp(tf, a, 0));
  }

  @Test
  void gradientsStayFiniteAtExtremeInputs() {
    // logMeanExp of huge log-weights and Bernoulli at |logit| = 500: finite values and gradients.
    check(
        new double[] {700, -700, 710, -650},
        new long[] {2, 2},
        tf -> a -> Bounds.logMeanExp(tf, a, 0));
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Placeholder<TFloat64> l = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(1, 2)));
      var y =
          tf.reduceSum(
              Bernoullis.logBernoulliWithLogits(tf, tf.constant(new double[][] {{0, 1}}), l),
              tf.constant(0));
      Output<?>[] g = s.graph.addGradients(y.asOutput(), new Output<?>[] {l.asOutput()});
      double[] grad = run(s, l, new double[] {500, -500}, new long[] {1, 2}, g[0]);
      assertEquals(-1.0, grad[0], 1e-12);
      assertEquals(1.0, grad[1], 1e-12);
    }
  }
}
