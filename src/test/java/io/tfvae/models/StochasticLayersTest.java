package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.data.Binarization;
import io.tfvae.nn.Parameters;
import io.tfvae.testing.TestSession;
import io.tfvae.testing.TinyData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Two stochastic layers (Burda et al. 2016) and flows against closed forms: on a linear-Gaussian
 * hierarchy (or one layer with an IAF posterior), where log p(x) has a closed form, −IWAE-m falls
 * towards it; on a Bernoulli MLP hierarchy −IWAE-1 is the NELBO of the same sample (the KL is
 * Monte-Carlo) and the bound falls with m.
 */
class StochasticLayersTest {
  private static VaeDef def(String text) {
    return ModelDefinition.parse(
            "vae { "
                + text
                + " }"
                + (text.contains("gaussian") ? " data { binarization: NONE }" : ""),
            "hvae")
        .proto()
        .getVae();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"BOTTOM_UP", "LADDER"})
  void onALinearGaussianHierarchyIwaeApproachesTheExactLogLikelihood(String inference) {
    int dim = 3;
    int d1 = 2;
    float noise = 0.5f;
    VaeDef def =
        def(
            "latent_dim: 2 encoder { } decoder { } likelihood { gaussian { variance: 0.5 } }"
                + " upper_layers { size: 1 up { } down { } } inference: "
                + inference);
    try (TestSession s = new TestSession()) {
      Vae vae = Parts.vae(def, Shape.of(dim), null).create(Parameters.initialized(s.tf, 11));
      // p(z_1 | z_2) is linear-Gaussian only with a variance that does not depend on z_2: zero the
      // kernel's variance half (columns d1..2 d1) before anything reads it.
      org.tensorflow.Output<TFloat32> kernel =
          s.graph.operation("prior.down_0.dense_0.kernel").output(0);
      float[] x = {0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.4f};
      // Each example repeated R times: the bounds' means over the copies are the expectations
      // that fall with m (one draw each need not).
      int copies = 200;
      Operand<TFloat32> xs = s.f32(copies(x, copies), 2 * copies, dim);
      List<Operand<TFloat32>> bounds = new ArrayList<>();
      int[] ms = {1, 10, 100, 2000, 20000};
      for (int m : ms) {
        bounds.add(
            vae.negativeIwae(s.tf, xs, null, s.tf.constant(m), s.tf.constant(new long[] {3, 1})));
      }
      s.session().initialize();
      float[] k = s.evalF32(s.tf.identity(kernel));
      for (int j = d1; j < 2 * d1; j++) {
        k[j] = 0f;
      }
      s.session()
          .runner()
          .addTarget(
              s.tf.assign(
                  kernel,
                  s.tf.constant(
                      Shape.of(1, 2 * d1),
                      org.tensorflow.ndarray.buffer.DataBuffers.of(k, true, false))))
          .run();
      float[] downBias = read(s, "prior.down_0.dense_0.bias");
      float[] w = read(s, "decoder.dense_0.kernel");
      float[] b = read(s, "decoder.dense_0.bias");
      // z_2 ~ N(0, 1); z_1 = z_2 A + a + sqrt(s1) eta; x = z_1 W + b + sqrt(noise) eps.
      double[] a = {downBias[0], downBias[1]};
      double[] row = {k[0], k[1]};
      double[] s1 = new double[d1];
      for (int j = 0; j < d1; j++) {
        s1[j] = Math.log1p(Math.exp(downBias[d1 + j])) + 1e-8;
      }
      double[][] cov1 = new double[d1][d1];
      for (int i = 0; i < d1; i++) {
        for (int j = 0; j < d1; j++) {
          cov1[i][j] = row[i] * row[j] + (i == j ? s1[i] : 0);
        }
      }
      double[][] covX = new double[dim][dim];
      double[] meanX = new double[dim];
      for (int p = 0; p < dim; p++) {
        meanX[p] = b[p];
        for (int i = 0; i < d1; i++) {
          meanX[p] += a[i] * w[i * dim + p];
        }
        for (int q = 0; q < dim; q++) {
          double c = p == q ? noise : 0;
          for (int i = 0; i < d1; i++) {
            for (int j = 0; j < d1; j++) {
              c += w[i * dim + p] * cov1[i][j] * w[j * dim + q];
            }
          }
          covX[p][q] = c;
        }
      }
      List<float[]> v = s.evalF32(bounds);
      for (int e = 0; e < 2; e++) {
        double[] xe = new double[dim];
        for (int p = 0; p < dim; p++) {
          xe[p] = x[e * dim + p] - meanX[p];
        }
        double exact = -logNormal(xe, covX);
        double[] mean = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
          for (int r = e; r < 2 * copies; r += 2) {
            mean[i] += v.get(i)[r] / copies;
          }
        }
        for (int i = 1; i < ms.length; i++) {
          assertTrue(mean[i] < mean[i - 1], "example " + e + ": " + Arrays.toString(mean));
        }
        double best = mean[ms.length - 1];
        assertTrue(best >= exact - 0.02, "-IWAE is an upper bound: " + best + " vs " + exact);
        assertEquals(
            exact,
            best,
            0.03,
            "example " + e + ": -IWAE-max against -log p(x) " + Arrays.toString(mean));
        assertTrue(mean[0] - exact > 0.1, "one sample is loose, so the test can tell: " + mean[0]);
      }
    }
  }

  /**
   * An inverse autoregressive flow posterior on a one-layer linear-Gaussian model (z ~ N(0, I), x =
   * z W + b + noise): −IWAE-m falls to the closed-form −log p(x). A log q(z|x) that did not match
   * the flow's samples (a log-determinant off) would leave it elsewhere.
   */
  @Test
  void anIafPosteriorOnALinearGaussianModelApproachesTheExactLogLikelihood() {
    int dim = 3;
    int d = 2;
    float noise = 0.5f;
    VaeDef def =
        def(
            "latent_dim: 2 encoder { } decoder { } likelihood { gaussian { variance: 0.5 } }"
                + " posterior { iaf { steps: 2 hidden: 8 context: 3 } }");
    try (TestSession s = new TestSession()) {
      Vae vae = Parts.vae(def, Shape.of(dim), null).create(Parameters.initialized(s.tf, 5));
      float[] x = {0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.4f};
      int copies = 200;
      Operand<TFloat32> xs = s.f32(copies(x, copies), 2 * copies, dim);
      int[] ms = {1, 100, 20000};
      List<Operand<TFloat32>> bounds = new ArrayList<>();
      for (int m : ms) {
        bounds.add(
            vae.negativeIwae(s.tf, xs, null, s.tf.constant(m), s.tf.constant(new long[] {3, 1})));
      }
      s.session().initialize();
      float[] w = read(s, "decoder.dense_0.kernel");
      float[] b = read(s, "decoder.dense_0.bias");
      List<float[]> v = s.evalF32(bounds);
      for (int e = 0; e < 2; e++) {
        double[][] cov = new double[dim][dim];
        double[] diff = new double[dim];
        for (int p = 0; p < dim; p++) {
          diff[p] = x[e * dim + p] - b[p];
          for (int q = 0; q < dim; q++) {
            double c = p == q ? noise : 0;
            for (int i = 0; i < d; i++) {
              c += w[i * dim + p] * w[i * dim + q];
            }
            cov[p][q] = c;
          }
        }
        double exact = -logNormal(diff, cov);
        double[] mean = new double[ms.length];
        for (int i = 0; i < ms.length; i++) {
          for (int r = e; r < 2 * copies; r += 2) {
            mean[i] += v.get(i)[r] / copies;
          }
        }
        assertTrue(mean[0] > mean[1] && mean[1] > mean[2], Arrays.toString(mean));
        // 0.05: at random weights the flow's proposal is lighter-tailed than this posterior for
        // one example, whose bound stalls 0.03 above log p(x) up to m = 200,000; dropping the
        // log-determinant moves it by about 0.5.
        assertEquals(exact, mean[2], 0.05, "example " + e + ": " + Arrays.toString(mean));
        assertTrue(mean[0] - exact > 0.05, "one sample is loose, so the test can tell: " + mean[0]);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "BOTTOM_UP",
        "LADDER",
        "BOTTOM_UP prior { vamp { components: 4 } }",
        "LADDER prior { mixture { components: 3 } }"
      })
  void iwaeOneIsTheNelboAndTheBoundFallsWithM(String inference) {
    VaeDef def =
        def(
            "latent_dim: 3 encoder { hidden: 16 activation: TANH } decoder { hidden: 16 activation:"
                + " TANH } upper_layers { size: 2 up { hidden: 8 activation: TANH } down { hidden: 8"
                + " activation: TANH } } inference: "
                + inference);
    int n = 6 * 40;
    int dim = 12;
    try (TestSession s = new TestSession()) {
      Vae vae = Parts.vae(def, Shape.of(dim), null).create(Parameters.initialized(s.tf, 3));
      // Six images, each 40 times: the means over the copies fall with m (one draw each need not).
      float[] images = Binarization.fixed(TinyData.images(6, dim, 1), 0);
      float[] rows = new float[images.length * 40];
      for (int c = 0; c < 40; c++) {
        System.arraycopy(images, 0, rows, c * images.length, images.length);
      }
      Operand<TFloat32> x = s.f32(rows, n, dim);
      NegativeElbo t = vae.negativeElbo(s.tf, x, null, s.tf.constant(new long[] {5, 9}));
      List<Operand<TFloat32>> bounds = new ArrayList<>(List.of(t.nelbo()));
      for (int m : new int[] {1, 10, 300}) {
        bounds.add(
            vae.negativeIwae(s.tf, x, null, s.tf.constant(m), s.tf.constant(new long[] {5, 9})));
      }
      Operand<TFloat32> samples =
          vae.prior().sample(s.tf, s.tf.constant(4), s.tf.constant(new long[] {1, 1}));
      bounds.add(samples);
      bounds.add(vae.prior().logProb(s.tf, samples));
      List<float[]> v = s.evalF32(bounds);
      double[] mean = new double[3];
      for (int i = 0; i < n; i++) {
        assertEquals(v.get(0)[i], v.get(1)[i], 1e-4f * Math.abs(v.get(0)[i]), "example " + i);
        for (int k = 0; k < 3; k++) {
          mean[k] += v.get(1 + k)[i] / n;
        }
      }
      assertTrue(mean[0] > mean[1] && mean[1] > mean[2], Arrays.toString(mean));
      assertEquals(4 * 5, v.get(4).length, "prior samples are [z_1, z_2]: 3 + 2 values");
      for (float lp : v.get(5)) {
        assertTrue(Float.isFinite(lp));
      }
      assertEquals(5, vae.summary().latentDim());
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          new int[] {3, 2}, vae.summary().latentLayers(), "the manifest's latent_layers");
      assertTrue(
          vae.describe().stream().anyMatch(l -> l.contains("stochastic layers [3, 2]"))
              && vae.describe().stream()
                  .anyMatch(l -> l.contains("ladder") == inference.startsWith("LADDER")),
          String.join("\n", vae.describe()));
    }
  }

  /**
   * An inverse autoregressive flow on the top layer of the bottom-up inference: the density of a
   * sample (the flow's own, log N(ε) − log-det) equals the density found again at the same z by
   * inverting the flow, so sampling and scoring agree; −IWAE-1 is the NELBO of the same sample and
   * the bound falls with m.
   */
  @Test
  void anIafOnTheTopLayerScoresItsOwnSamplesAndKeepsTheBounds() {
    VaeDef def =
        def(
            "latent_dim: 3 encoder { hidden: 16 activation: TANH } decoder { hidden: 16 activation:"
                + " TANH } upper_layers { size: 4 up { hidden: 8 activation: TANH } down { hidden: 8"
                + " activation: TANH } } posterior { iaf { steps: 2 hidden: 12 context: 3 } }");
    int n = 6;
    int dim = 12;
    try (TestSession s = new TestSession()) {
      Vae vae = Parts.vae(def, Shape.of(dim), null).create(Parameters.initialized(s.tf, 3));
      Operand<TFloat32> x = s.f32(Binarization.fixed(TinyData.images(n, dim, 1), 0), n, dim);
      io.tfvae.distributions.Posterior q = vae.encode(s.tf, x, null);
      float[] eps = new float[n * 7];
      java.util.Random r = new java.util.Random(5);
      for (int i = 0; i < eps.length; i++) {
        eps[i] = (float) r.nextGaussian();
      }
      Operand<TFloat32> z = q.sample(s.tf, s.f32(eps, n, 7));
      Operand<TFloat32> drawn = q.logProb(s.tf, z);
      Operand<TFloat32> again = q.logProb(s.tf, s.tf.identity(z));
      NegativeElbo t = vae.negativeElbo(s.tf, x, null, s.tf.constant(new long[] {5, 9}));
      List<Operand<TFloat32>> outs = new ArrayList<>(List.of(drawn, again, t.nelbo()));
      for (int m : new int[] {1, 10, 300}) {
        outs.add(
            vae.negativeIwae(s.tf, x, null, s.tf.constant(m), s.tf.constant(new long[] {5, 9})));
      }
      List<float[]> v = s.evalF32(outs);
      double[] mean = new double[3];
      for (int i = 0; i < n; i++) {
        assertEquals(v.get(0)[i], v.get(1)[i], 1e-3, "log q at sample " + i);
        assertEquals(v.get(2)[i], v.get(3)[i], 1e-4f * Math.abs(v.get(2)[i]), "example " + i);
        for (int k = 0; k < 3; k++) {
          mean[k] += v.get(3 + k)[i] / n;
        }
      }
      assertTrue(mean[0] > mean[1] && mean[1] > mean[2], Arrays.toString(mean));
      assertTrue(
          vae.describe().stream()
              .anyMatch(l -> l.contains("top layer's posterior an inverse autoregressive flow")),
          String.join("\n", vae.describe()));
    }
  }

  /**
   * A prior of its own on the top layer: the hierarchy's log p(z) is the top prior's log p(z_L)
   * plus the same conditionals as under N(0, I) (the networks are shared within a graph), the top
   * prior is built on z_L alone, and the encoder it is handed (a VampPrior's) gives q(z_L | x): the
   * ladder's top Gaussian, or for the bottom-up inference q(z_2 | z_1) at z_1's mean.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aPriorOnTheTopLayerAddsItsDensityToTheConditionals(boolean ladder) {
    var layers = new io.tfvae.distributions.StochasticLayers(3, 2);
    var net = io.tfvae.nn.Mlp.spec(new int[] {8}, 4, io.tfvae.nn.Activation.TANH);
    var down = List.of(io.tfvae.nn.Mlp.spec(new int[] {8}, 6, io.tfvae.nn.Activation.TANH));
    var up =
        List.of(ladder ? io.tfvae.nn.Mlp.spec(new int[] {8}, 4, io.tfvae.nn.Activation.TANH) : net);
    int n = 5;
    int dim = 6;
    try (TestSession s = new TestSession()) {
      Parameters params = Parameters.initialized(s.tf, 7);
      var family =
          (ladder ? layers.ladderPosterior(up, down) : layers.posterior(up))
              .create(params, "posterior", 5);
      var encoderNet =
          io.tfvae.nn.Mlp.spec(new int[] {8}, 6, io.tfvae.nn.Activation.TANH)
              .create(params, "encoder", Shape.of(dim));
      io.tfvae.distributions.Encoder encoder =
          (tf, x) -> family.fromNetworkOutput(tf, encoderNet.apply(tf, x));
      io.tfvae.distributions.Prior[] top = new io.tfvae.distributions.Prior[1];
      io.tfvae.distributions.Encoder[] handed = new io.tfvae.distributions.Encoder[1];
      int[] topWidth = new int[1];
      io.tfvae.distributions.PriorFactory mixture =
          (p, d, e) -> {
            topWidth[0] = d;
            handed[0] = e;
            top[0] = io.tfvae.distributions.PriorFactory.mixtureOfGaussians(3).create(p, d, e);
            return top[0];
          };
      var withTop = layers.prior(down, mixture).create(params, 5, encoder);
      var standard = layers.prior(down).create(params, 5, encoder);
      float[] values = new float[n * 5];
      java.util.Random r = new java.util.Random(3);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) r.nextGaussian();
      }
      Operand<TFloat32> z = s.f32(values, n, 5);
      Operand<TFloat32> zTop =
          s.tf.slice(z, s.tf.constant(new int[] {0, 3}), s.tf.constant(new int[] {-1, 2}));
      Operand<TFloat32> x = s.f32(Binarization.fixed(TinyData.images(n, dim, 2), 0), n, dim);
      var q = encoder.encode(s.tf, x);
      var qTop = handed[0].encode(s.tf, x).startingGaussian();
      // q(z_2 | z_1) at the probe: the whole posterior's density at [z_1, z_2] less q(z_1 | x).
      Operand<TFloat32> z1 =
          ladder
              ? null
              : s.tf.slice(
                  q.describe(s.tf).get("z1_mean"),
                  s.tf.constant(new int[] {0, 0}),
                  s.tf.constant(new int[] {-1, 3}));
      List<Operand<TFloat32>> outs =
          new ArrayList<>(
              List.of(
                  withTop.logProb(s.tf, z),
                  standard.logProb(s.tf, z),
                  top[0].logProb(s.tf, zTop),
                  io.tfvae.distributions.Gaussians.logStdNormal(s.tf, zTop),
                  qTop.logProb(s.tf, zTop)));
      if (!ladder) {
        var first =
            new io.tfvae.distributions.DiagonalGaussian(
                q.describe(s.tf).get("z1_mean"), q.describe(s.tf).get("z1_variance"));
        outs.add(
            s.tf.math.sub(
                q.logProb(s.tf, s.tf.concat(List.of(z1, zTop), s.tf.constant(-1))),
                first.logProb(s.tf, z1)));
      }
      s.session().initialize();
      List<float[]> v = s.evalF32(outs);
      assertEquals(2, topWidth[0], "the top prior is on z_2 alone");
      for (int i = 0; i < n; i++) {
        assertEquals(
            v.get(2)[i] - v.get(3)[i],
            v.get(0)[i] - v.get(1)[i],
            1e-4 * (1 + Math.abs(v.get(0)[i])),
            "z " + i + ": only p(z_L) differs");
        if (!ladder) {
          assertEquals(v.get(5)[i], v.get(4)[i], 1e-4 * (1 + Math.abs(v.get(5)[i])), "q(z_2 | x)");
        }
      }
      assertTrue(
          withTop.describe().contains("mixture") || withTop.describe().contains("Gaussians under"),
          withTop.describe());
    }
  }

  /** The two examples of x, each repeated {@code n} times, alternating. */
  private static float[] copies(float[] x, int n) {
    int dim = x.length / 2;
    float[] tiled = new float[2 * n * dim];
    for (int r = 0; r < 2 * n; r++) {
      System.arraycopy(x, (r % 2) * dim, tiled, r * dim, dim);
    }
    return tiled;
  }

  private static float[] read(TestSession s, String variable) {
    org.tensorflow.Output<TFloat32> v = s.graph.operation(variable).output(0);
    return s.evalF32(s.tf.identity(v));
  }

  /** log N(d; 0, C) by Cholesky. */
  private static double logNormal(double[] d, double[][] c) {
    int n = d.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = c[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
      }
    }
    double[] y = new double[n];
    double logDet = 0;
    double quad = 0;
    for (int i = 0; i < n; i++) {
      double sum = d[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
      quad += y[i] * y[i];
      logDet += 2 * Math.log(l[i][i]);
    }
    return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
  }
}
