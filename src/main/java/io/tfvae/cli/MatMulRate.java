package io.tfvae.cli;

import io.tfvae.util.SessionConfigs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * This machine's float32 matrix-product rate through TensorFlow, measured in the benchmark's own
 * run and threads, so that every figure can be read as a fraction of what the machine gives: a
 * large square product (2048³) and the MLP VAE decoder's last layer at the evaluation's budget
 * (25,000 × 300 × 784).
 *
 * @param squareGflops GFLOP/s of the 2048 × 2048 × 2048 product
 * @param decoderGflops GFLOP/s of the 25,000 × 300 × 784 product
 */
record MatMulRate(double squareGflops, double decoderGflops) {
  /**
   * Measures both products: two warm-up runs, then the median of five.
   *
   * @param threads TensorFlow's threads
   * @return the rates
   */
  static MatMulRate measure(int threads) {
    return new MatMulRate(rate(2048, 2048, 2048, threads), rate(25_000, 300, 784, threads));
  }

  /** GFLOP/s of an [m, k] × [k, n] product (2·m·k·n floating-point operations). */
  static double rate(int m, int k, int n, int threads) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> a = variable(tf, "a", m, k, 1);
      Variable<TFloat32> b = variable(tf, "b", k, n, 2);
      var product = tf.linalg.matMul(a, b);
      try (Session s = new Session(g, SessionConfigs.withThreads(threads))) {
        s.initialize();
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          long start = System.nanoTime();
          s.runner().addTarget(product).run().close();
          if (i >= 2) {
            seconds.add((System.nanoTime() - start) / 1e9);
          }
        }
        Collections.sort(seconds);
        return 2.0 * m * k * n / seconds.get(seconds.size() / 2) / 1e9;
      }
    }
  }

  private static Variable<TFloat32> variable(Ops tf, String name, int rows, int cols, long key) {
    Operand<TFloat32> init =
        tf.random.statelessRandomUniform(
            tf.constant(new int[] {rows, cols}), tf.constant(new long[] {key, 0}), TFloat32.class);
    return tf.withName(name).variable(init);
  }

  /** A rate as a percentage of the square product's. */
  String percentOf(double gflops) {
    return String.format(java.util.Locale.ROOT, "%3.0f%%", 100 * gflops / squareGflops);
  }
}
