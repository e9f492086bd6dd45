package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.proto.CategoricalVaeDef;
import io.tfvae.data.Binarization;
import io.tfvae.distributions.CategoricalPosterior;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class CategoricalVaeTest {
  private static final int D = 12;
  private static final int B = 5;

  static CategoricalVaeDef def(String text) {
    return ModelDefinition.parse(
            "categorical_vae { " + text + " } data { binarization: NONE }", "cat")
        .proto()
        .getCategoricalVae();
  }

  private static Operand<TFloat32> data(TestSession s) {
    return s.f32(Binarization.fixed(TinyData.images(B, D, 1), 0), B, D);
  }

  @Test
  void iwaeWithOneSampleIsTheElboEstimatorAtTheSameExactSample() {
    // -IWAE-1 = -log p(x|z) - log p(z) + log q(z|x) at the one-hot z the NELBO of the same seed
    // decodes: its rec plus log q - log p, assembled here by hand.
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      CategoricalVae vae =
          new CategoricalVae(
              def("variables: 3 classes: 4 encoder { hidden: 8 } decoder { hidden: 8 }"),
              D,
              Parameters.initialized(tf, 2));
      Operand<TFloat32> x = data(s);
      Operand<TInt64> seed = tf.constant(new long[] {3, 4});
      NegativeElbo t = vae.negativeElbo(tf, x, seed);
      Operand<TFloat32> iw1 = vae.negativeIwae(tf, x, tf.constant(1), seed);
      CategoricalPosterior q = vae.encode(tf, x);
      Operand<TFloat32> z =
          q.sample(
              tf,
              io.tfvae.distributions.Categoricals.gumbel(tf, tf.constant(new int[] {B, 12}), seed));
      Operand<TFloat32> mcKl = tf.math.sub(q.logProb(tf, z), vae.prior().logProb(tf, z));
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(t.rec(), mcKl, iw1, t.kl()));
      for (int i = 0; i < B; i++) {
        float want = v.get(0)[i] + v.get(1)[i];
        assertEquals(want, v.get(2)[i], 1e-4f * Math.abs(want), "image " + i);
        assertTrue(v.get(3)[i] >= 0, "KL >= 0");
      }
    }
  }

  /**
   * With N = 2 variables of K = 3 classes there are 9 codes, so log p(x) = logsumexp_z [log p(x|z)
   * + log p(z)] exactly, from the model's own decode and log_prior signatures. After some training
   * (so the decoder uses its code), over 40 seeds the mean of -IWAE-m must not increase with m
   * (beyond 3 standard errors), must not fall below -log p(x) (it is a bound in expectation), and
   * at m = 2000 must be within 0.05 nats of it.
   */
  @Test
  void iwaeFallsWithMAndApproachesTheExactLikelihoodOfAnEnumerableModel() {
    ModelDefinition d =
        ModelDefinition.parse(
            "categorical_vae { variables: 2 classes: 3 encoder { hidden: 16 } decoder { hidden: 16 }"
                + " prior { learned {} } } data { binarization: NONE }"
                + " training { batch_size: 10 steps: 400 seed: 3 threads: 2 log_every: 100 }",
            "cat");
    int n = 5;
    float[] x = Binarization.scaled(TinyData.images(n, D, 8));
    int[] ms = {1, 10, 100, 2000};
    int r = 40;
    try (Trainer t = Trainer.builder(d).setTrainingData(TinyData.images(200, D, 3)).build()) {
      t.fit();
      float[] codes = new float[9 * 6];
      for (int c = 0; c < 9; c++) {
        codes[c * 6 + c / 3] = 1f;
        codes[c * 6 + 3 + c % 3] = 1f;
      }
      float[] means;
      float[] logPz;
      try (TFloat32 z =
          TFloat32.tensorOf(
              Shape.of(9, 6), org.tensorflow.ndarray.buffer.DataBuffers.of(codes, true, false))) {
        means = t.calls().call("decode", java.util.Map.of("z", z)).get("x_mean");
        logPz = t.calls().call("log_prior", java.util.Map.of("z", z)).get("log_prob");
      }
      double[] truth = new double[n]; // -log p(x_b)
      for (int b = 0; b < n; b++) {
        double[] joint = new double[9];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 9; c++) {
          joint[c] = logPz[c];
          for (int j = 0; j < D; j++) {
            double mu = means[c * D + j];
            double v = x[b * D + j];
            joint[c] += v * Math.log(mu) + (1 - v) * Math.log1p(-mu);
          }
          max = Math.max(max, joint[c]);
        }
        double sum = 0;
        for (double j : joint) {
          sum += Math.exp(j - max);
        }
        truth[b] = -(max + Math.log(sum));
      }
      double[] mean = new double[ms.length];
      double[] se = new double[ms.length];
      for (int q = 0; q < ms.length; q++) {
        double sum = 0;
        double sq = 0;
        for (int j = 0; j < r; j++) {
          float[] bound = t.calls().negativeIwae(x, null, n, ms[q], new long[] {7 + q, j});
          double gap = 0;
          for (int b = 0; b < n; b++) {
            gap += (bound[b] - truth[b]) / n;
          }
          sum += gap;
          sq += gap * gap;
        }
        mean[q] = sum / r;
        se[q] = Math.sqrt(Math.max(0, sq / r - mean[q] * mean[q]) / r);
        assertTrue(
            mean[q] > -3 * se[q] - 1e-3, "m=" + ms[q] + ": a bound in expectation, gap " + mean[q]);
      }
      for (int q = 1; q < ms.length; q++) {
        assertTrue(
            mean[q] <= mean[q - 1] + 3 * Math.hypot(se[q], se[q - 1]),
            "m=" + ms[q] + ": " + mean[q] + " vs " + mean[q - 1]);
      }
      assertTrue(
          Math.abs(mean[ms.length - 1]) < 0.05,
          "m=2000 is within 0.05 nats of -log p(x): " + mean[ms.length - 1]);
    }
  }

  @Test
  void theClosedFormKlIsTheMeanOfLogQMinusLogPOverExactSamples() {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      CategoricalVae vae =
          new CategoricalVae(
              def("variables: 3 classes: 4 encoder { hidden: 8 } prior { learned {} }"),
              D,
              Parameters.initialized(tf, 9));
      Operand<TFloat32> x = data(s);
      CategoricalPosterior q = vae.encode(tf, x);
      int draws = 20000;
      Operand<TFloat32> z =
          q.sample(
              tf,
              io.tfvae.distributions.Categoricals.gumbel(
                  tf, tf.constant(new int[] {draws, B, 12}), tf.constant(new long[] {1, 1})));
      Operand<TFloat32> diff =
          tf.math.sub(q.logProb(tf, z), vae.prior().logProb(tf, z)); // [draws, B]
      Operand<TFloat32> mean = tf.math.mean(diff, tf.constant(0));
      Operand<TFloat32> sq = tf.math.mean(tf.math.square(diff), tf.constant(0));
      Operand<TFloat32> kl = vae.prior().analyticKl(tf, q).orElseThrow();
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(mean, sq, kl));
      for (int i = 0; i < B; i++) {
        double se = Math.sqrt((v.get(1)[i] - v.get(0)[i] * v.get(0)[i]) / draws);
        assertEquals(v.get(2)[i], v.get(0)[i], 4 * se + 1e-4, "image " + i);
        assertTrue(v.get(2)[i] >= 0);
      }
    }
  }

  /**
   * The Gumbel-Softmax VAE trains on the framework's objectives: a β-VAE with KL warm-up reports
   * the β in force and trains differently from the ELBO; the IWAE bound, which needs a density of
   * the relaxed code, is refused in one line.
   */
  @Test
  void itTrainsOnTheObjectivesOfTheElbo() {
    String base =
        "categorical_vae { variables: 4 classes: 3 %s } data { binarization: NONE }"
            + " training { batch_size: 10 steps: 40 seed: 3 threads: 1 log_every: 40 }";
    float[] elbo;
    float[] warm;
    try (Trainer t =
        Trainer.builder(ModelDefinition.parse(String.format(base, ""), "cat"))
            .setTrainingData(TinyData.images(200, 64, 3))
            .build()) {
      elbo = t.fit().losses();
    }
    ModelDefinition beta =
        ModelDefinition.parse(
            String.format(base, "objective { beta: 4 warm_up { from: 0 steps: 20 } elbo {} }"),
            "cat");
    try (Trainer t = Trainer.builder(beta).setTrainingData(TinyData.images(200, 64, 3)).build()) {
      TrainingResult r = t.fit();
      warm = r.losses();
      assertEquals(List.of("nelbo", "kl", "rec", "temperature", "beta"), t.metricNames());
      // The window's mean of 4·min(1, t/20) over t = 0..39.
      double mean = 0;
      for (int k = 0; k < 40; k++) {
        mean += 4 * Math.min(1.0, k / 20.0) / 40;
      }
      assertEquals(mean, r.metrics().get("beta"), 1e-5);
    }
    assertTrue(!java.util.Arrays.equals(elbo, warm), "a beta-VAE trains differently");
    var e =
        assertThrows(
            io.tfvae.config.ModelDefinitionException.class,
            () -> ModelDefinition.parse(String.format(base, "objective { iwae { k: 5 } }"), "cat"));
    assertEquals(
        "cat: categorical_vae.objective: expected elbo {} (the relaxed code has no density for the"
            + " other objectives), got iwae",
        e.getMessage());
  }

  @Test
  void theTemperatureFollowsItsScheduleOfTheStep() {
    ModelDefinition d =
        ModelDefinition.parse(
            "categorical_vae { variables: 4 classes: 3 temperature { initial: 2 min: 0.5 rate: 0.01 } }"
                + " data { binarization: NONE }"
                + " training { batch_size: 10 steps: 300 seed: 3 threads: 2 log_every: 100 }",
            "cat");
    try (Trainer t = Trainer.builder(d).setTrainingData(TinyData.images(200, 64, 3)).build()) {
      TrainingResult r = t.fit();
      assertEquals(List.of("nelbo", "kl", "rec", "temperature"), t.metricNames());
      // The last window's mean of max(0.5, 2 exp(-0.01 t)) over t = 200..299.
      double tau = 0;
      for (int k = 200; k < 300; k++) {
        tau += Math.max(0.5, 2 * Math.exp(-0.01 * k)) / 100;
      }
      assertEquals(tau, r.metrics().get("temperature"), 1e-5);
    }
  }

  @Test
  void trainsThroughTheRelaxationAndStraightThroughToo() {
    for (boolean st : new boolean[] {false, true}) {
      ModelDefinition d =
          ModelDefinition.parse(
              "categorical_vae { variables: 4 classes: 3 encoder { hidden: 16 } decoder { hidden: 16 }"
                  + " temperature { initial: 1 min: 1 rate: 0 } straight_through: "
                  + st
                  + " }"
                  + " data { binarization: NONE }"
                  + " training { batch_size: 10 steps: 600 seed: 3 threads: 2 log_every: 100 }",
              "cat");
      try (Trainer t = Trainer.builder(d).setTrainingData(TinyData.images(200, 64, 3)).build()) {
        float[] l = t.fit().losses();
        double first = 0;
        double last = 0;
        for (int i = 0; i < 50; i++) {
          first += l[i] / 50;
          last += l[l.length - 1 - i] / 50;
        }
        assertTrue(
            last < first - 1,
            "straight-through " + st + ": the loss falls, " + first + " -> " + last);
        float[][] b =
            t.calls()
                .negativeElbo(
                    Binarization.fixed(TinyData.images(4, 64, 8), 0), null, 4, new long[] {1, 1});
        for (float v : b[1]) {
          assertTrue(v >= 0, "KL >= 0");
        }
      }
    }
  }

  /**
   * d/dl of the KL to the uniform prior and of a weighted Gumbel-Softmax sample, for logits of
   * shape [2, 3, 4], against central differences (float32, h = 1e-2: truncation ~1e-4, rounding
   * ~1e-5). TensorFlow's C++ softmax gradients sum over axis 1, which is wrong for 3-D input; the
   * categorical formulas run softmax on a [-1, K] view, and this would catch a regression.
   */
  @Test
  void gradientsOfTheKlAndTheRelaxedSampleMatchFiniteDifferences() {
    float[] l0 = new float[24];
    float[] w = new float[24];
    float[] g = new float[24];
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < 24; i++) {
      l0[i] = (float) (2 * r.nextDouble() - 1);
      w[i] = (float) (2 * r.nextDouble() - 1);
      g[i] = (float) -Math.log(-Math.log(0.05 + 0.9 * r.nextDouble()));
    }
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      var logits = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4)));
      Operand<TFloat32> logQ = io.tfvae.distributions.Categoricals.logSoftmax(tf, logits, 4);
      Operand<TFloat32> uniform = tf.constant((float) -Math.log(4));
      Operand<TFloat32> kl =
          tf.reduceSum(
              io.tfvae.distributions.Categoricals.kl(tf, logQ, uniform),
              tf.constant(new int[] {0}));
      Operand<TFloat32> relaxed =
          io.tfvae.distributions.Categoricals.gumbelSoftmax(
              tf, logits, s.f32(g, 2, 3, 4), tf.constant(0.7f), 4);
      Operand<TFloat32> weighted =
          tf.reduceSum(tf.math.mul(relaxed, s.f32(w, 2, 3, 4)), tf.constant(new int[] {0, 1, 2}));
      for (Operand<TFloat32> f : List.of(kl, weighted)) {
        var grad =
            s.graph
                .addGradients(f.asOutput(), new org.tensorflow.Output<?>[] {logits.asOutput()})[0];
        float[] analytic = eval(s, logits, l0, grad);
        for (int i = 0; i < 24; i++) {
          float[] plus = l0.clone();
          float[] minus = l0.clone();
          plus[i] += 1e-2f;
          minus[i] -= 1e-2f;
          double numeric =
              (eval(s, logits, plus, f.asOutput())[0] - eval(s, logits, minus, f.asOutput())[0])
                  / 2e-2;
          assertEquals(numeric, analytic[i], 2e-3, "coordinate " + i);
        }
      }
    }
  }

  private static float[] eval(
      TestSession s, Placeholder<TFloat32> in, float[] v, org.tensorflow.Output<?> out) {
    try (TFloat32 t =
            TFloat32.tensorOf(
                Shape.of(2, 3, 4), org.tensorflow.ndarray.buffer.DataBuffers.of(v, true, false));
        Result r = s.session().runner().feed(in, t).fetch(out).run()) {
      TFloat32 o = (TFloat32) r.get(0);
      float[] a = new float[(int) o.shape().size()];
      o.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
      return a;
    }
  }
}
