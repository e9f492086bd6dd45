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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class VaeTest {
  private static final int D = 12;
  private static final int N = 6;
  private static final VaeDef DEF = def("");

  /** A small VAE's settings with extra text-format fields. */
  static VaeDef def(String more) {
    return ModelDefinition.parse(
            "vae { latent_dim: 3 encoder { hidden: 16 } decoder { hidden: 16 } " + more + " }",
            "test")
        .proto()
        .getVae();
  }

  /** The definition's VAE on flat data of width D, its weights drawn from seed. */
  static Vae vae(VaeDef def, Ops tf, long seed) {
    return Parts.vae(def, org.tensorflow.ndarray.Shape.of(D), null)
        .create(Parameters.initialized(tf, seed));
  }

  private static Operand<TFloat32> data(TestSession s) {
    return s.f32(Binarization.fixed(TinyData.images(N, D, 1), 0), N, D);
  }

  private static Operand<TInt64> seed(Ops tf, long a, long b) {
    return tf.constant(new long[] {a, b});
  }

  /**
   * A VampPrior with fixed pseudo-inputs u (the test's data) over the definition's model: log p(z)
   * = logmeanexp_k log N(z; μ_k, σ_k²), with (μ_k, σ_k²) the encode outputs named at u_k.
   */
  private static void assertTheVampPriorMixesTheGaussians(
      VaeDef def, String meanName, String varianceName) {
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Operand<TFloat32> u = data(s);
      Vae[] vae = new Vae[1];
      io.tfvae.distributions.VampPrior prior =
          new io.tfvae.distributions.VampPrior(u, N, 3, (t, x) -> vae[0].encode(t, x, null));
      vae[0] = vae(def, tf, 3);
      Operand<TFloat32> z = s.f32(new float[] {0.1f, -0.3f, 0.7f, 1.5f, 0.2f, -1f}, 2, 3);
      var encoded = vae[0].encode(tf, u, null).describe(tf);
      List<Operand<TFloat32>> perComponent = new java.util.ArrayList<>();
      for (int k = 0; k < N; k++) {
        var mean = tf.gather(encoded.get(meanName), tf.constant(k), tf.constant(0));
        var variance = tf.gather(encoded.get(varianceName), tf.constant(k), tf.constant(0));
        perComponent.add(io.tfvae.distributions.Gaussians.logNormal(tf, z, mean, variance));
      }
      Operand<TFloat32> want = io.tfvae.bounds.Bounds.logMeanExp(tf, tf.stack(perComponent), 0);
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(prior.logProb(tf, z), want));
      for (int i = 0; i < 2; i++) {
        assertEquals(v.get(1)[i], v.get(0)[i], 1e-4 * Math.abs(v.get(1)[i]), "z " + i);
      }
    }
  }

  /**
   * The bound of a model whose KL is Monte-Carlo: -IWAE-1 equals the NELBO at the same sample, and
   * the means of -IWAE-1, -10 and -200 fall.
   */
  private static void assertMonteCarloBoundProperties(TestSession s, Vae vae, Operand<TFloat32> x) {
    NegativeElbo t = vae.negativeElbo(s.tf, x, null, seed(s.tf, 5, 9));
    List<Operand<TFloat32>> bounds = new java.util.ArrayList<>(List.of(t.nelbo()));
    for (int k : new int[] {1, 10, 200}) {
      bounds.add(vae.negativeIwae(s.tf, x, null, s.tf.constant(k), seed(s.tf, 5, 9)));
    }
    s.session().initialize();
    List<float[]> v = s.evalF32(bounds);
    double[] mean = new double[3];
    for (int i = 0; i < N; i++) {
      assertEquals(v.get(0)[i], v.get(1)[i], 1e-4f * Math.abs(v.get(0)[i]), "example " + i);
      for (int k = 0; k < 3; k++) {
        mean[k] += v.get(1 + k)[i] / N;
      }
    }
    assertTrue(mean[0] > mean[1] && mean[1] > mean[2], java.util.Arrays.toString(mean));
  }

  @Test
  void klIsNonNegativeAndTermsAddUp() {
    try (TestSession s = new TestSession()) {
      Vae vae = vae(DEF, s.tf, 3);
      NegativeElbo t = vae.negativeElbo(s.tf, data(s), null, seed(s.tf, 1, 2));
      List<float[]> v = s.evalF32(List.of(t.nelbo(), t.kl(), t.rec()));
      for (int i = 0; i < N; i++) {
        assertTrue(v.get(1)[i] >= 0, "KL >= 0");
        assertEquals(v.get(2)[i] + v.get(1)[i], v.get(0)[i], 1e-4, "nelbo = rec + kl at beta 1");
        assertTrue(v.get(2)[i] > 0, "-log p(x|z) of binary data is positive");
      }
    }
  }

  /**
   * The conv-vae preset on 28 x 28 images: its blocks and shapes, and the bound properties that do
   * not depend on the network (KL >= 0, -IWAE-1 = rec + the Monte-Carlo KL at the same sample).
   */
  @Test
  void theConvPresetBuildsItsBlocksAndKeepsTheBoundProperties() {
    VaeDef conv = io.tfvae.config.ModelDefinition.preset("conv-vae").proto().getVae();
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Vae vae =
          Parts.vae(conv, org.tensorflow.ndarray.Shape.of(28, 28, 1), null)
              .create(Parameters.initialized(tf, 3));
      List<String> d = vae.describe();
      assertTrue(
          d.contains(
              "  encoder.conv_1: conv2d 3x3 stride 2, 64 filters, same, elu [14, 14, 32] -> [7, 7, 64]"),
          d.toString());
      assertTrue(
          d.contains(
              "  decoder.upsample_1: upsample2d x2 transposed 3x3, 32 filters, elu [14, 14, 32] -> [28, 28, 32]"),
          d.toString());
      assertTrue(
          d.contains(
              "  decoder.output: conv2d 3x3 stride 1, 1 filters, same, linear [28, 28, 32] -> [28, 28, 1]"),
          d.toString());
      float[] pixels = new float[4 * 784];
      java.util.SplittableRandom r = new java.util.SplittableRandom(1);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = r.nextInt(5) == 0 ? 1f : 0f;
      }
      Operand<TFloat32> x = s.f32(pixels, 4, 784);
      NegativeElbo t = vae.negativeElbo(tf, x, null, seed(tf, 5, 9));
      Operand<TFloat32> iw1 = vae.negativeIwae(tf, x, null, tf.constant(1), seed(tf, 5, 9));
      var q = vae.encode(tf, x, null);
      var z =
          q.sample(
              tf, tf.random.statelessRandomNormal(tf.constant(new int[] {4, 32}), seed(tf, 5, 9)));
      var mcKl =
          tf.math.sub(q.logProb(tf, z), io.tfvae.distributions.Gaussians.logStdNormal(tf, z));
      List<float[]> v = s.evalF32(List.of(t.rec(), mcKl, iw1, t.kl()));
      for (int i = 0; i < 4; i++) {
        assertTrue(v.get(3)[i] >= 0, "KL >= 0");
        float want = v.get(0)[i] + v.get(1)[i];
        assertEquals(want, v.get(2)[i], 1e-4f * Math.abs(want), "example " + i);
      }
    }
  }

  @Test
  void aBuilderWhosePartsDoNotFitNamesTheBlock() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                Vae.builder()
                    .setDataShape(org.tensorflow.ndarray.Shape.of(D))
                    .setLatentDim(3)
                    .setEncoder(io.tfvae.nn.Mlp.spec(new int[] {8}, 5, io.tfvae.nn.Activation.ELU))
                    .setDecoder(io.tfvae.nn.Mlp.spec(new int[] {8}, D, io.tfvae.nn.Activation.ELU))
                    .build());
    assertEquals(
        "encoder: its last block encoder.dense_1 (dense 5, linear) maps [8] to [5], expected [6]"
            + " (the posterior's parameters for latent_dim 3)",
        e.getMessage());
  }

  @Test
  void iwaeWithOneSampleIsTheElboEstimatorAtTheSameSample() {
    // -IWAE-1 = -log p(x|z) - log p(z) + log q(z|x) at the one sample z that the NELBO of the same
    // seed uses: its rec plus the Monte-Carlo KL, assembled here by hand.
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Vae vae = vae(DEF, tf, 3);
      Operand<TFloat32> x = data(s);
      NegativeElbo t = vae.negativeElbo(tf, x, null, seed(tf, 5, 9));
      Operand<TFloat32> iw1 = vae.negativeIwae(tf, x, null, tf.constant(1), seed(tf, 5, 9));
      var q = vae.encode(tf, x, null);
      var z =
          q.sample(
              tf, tf.random.statelessRandomNormal(tf.constant(new int[] {N, 3}), seed(tf, 5, 9)));
      var mcKl =
          tf.math.sub(q.logProb(tf, z), io.tfvae.distributions.Gaussians.logStdNormal(tf, z));
      List<float[]> v = s.evalF32(List.of(t.rec(), mcKl, iw1, t.kl()));
      for (int i = 0; i < N; i++) {
        float want = v.get(0)[i] + v.get(1)[i];
        assertEquals(want, v.get(2)[i], 1e-4f * Math.abs(want), "example " + i);
      }
      // And it is not the analytic-KL NELBO sample by sample (that is equal only in expectation).
      boolean anyDiffers = false;
      for (int i = 0; i < N; i++) {
        anyDiffers |= Math.abs(v.get(1)[i] - v.get(3)[i]) > 1e-3;
      }
      assertTrue(anyDiffers);
    }
  }

  @Test
  void iwaeOneMatchesTheAnalyticElboInExpectationAndFallsWithK() {
    // Over R seeds, the mean of -IWAE-1 must match the mean NELBO (analytic KL) within the
    // standard error of their difference, and the means for k = 1, 5, 50 must not increase.
    int r = 300;
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Vae vae = vae(DEF, tf, 4);
      Operand<TFloat32> x = data(s);
      int[] ks = {1, 5, 50};
      var seedIn =
          tf.placeholder(
              TInt64.class,
              org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(2)));
      List<Operand<TFloat32>> outs = new java.util.ArrayList<>();
      outs.add(vae.negativeElbo(tf, x, null, seedIn).nelbo());
      for (int k : ks) {
        // A different stream per k: the seed's second word is offset by k * 10^6.
        var shifted = tf.math.add(seedIn, tf.constant(new long[] {0, 1_000_000L * k}));
        outs.add(vae.negativeIwae(tf, x, null, tf.constant(k), shifted));
      }
      double[][] per = new double[outs.size()][r];
      for (int j = 0; j < r; j++) {
        var runner = s.session().runner();
        outs.forEach(runner::fetch);
        try (TInt64 sd = TInt64.vectorOf(100, j);
            org.tensorflow.Result res = runner.feed(seedIn, sd).run()) {
          for (int q = 0; q < outs.size(); q++) {
            TFloat32 t = (TFloat32) res.get(q);
            double m = 0;
            for (int i = 0; i < N; i++) {
              m += t.getFloat(i);
            }
            per[q][j] = m / N;
          }
        }
      }
      double[] mean = new double[per.length];
      double[] se = new double[per.length];
      for (int q = 0; q < per.length; q++) {
        double sum = 0, sq = 0;
        for (double d : per[q]) {
          sum += d;
          sq += d * d;
        }
        mean[q] = sum / r;
        se[q] = Math.sqrt((sq / r - mean[q] * mean[q]) / r);
      }
      assertEquals(mean[0], mean[1], 4 * Math.hypot(se[0], se[1]), "E[-IWAE_1] = E[NELBO]");
      for (int q = 2; q < per.length; q++) {
        assertTrue(
            mean[q] <= mean[q - 1] + 3 * Math.hypot(se[q], se[q - 1]),
            "k=" + ks[q - 1] + ": " + mean[q] + " vs " + mean[q - 1]);
      }
      assertTrue(mean[3] < mean[1], "with 50 samples the bound is tighter than with 1");
    }
  }

  /**
   * With an inverse autoregressive flow posterior the KL is Monte-Carlo, so -IWAE-1 equals the
   * NELBO at the same sample; -IWAE falls as k grows.
   */
  @Test
  void anIafPosteriorKeepsTheBoundProperties() {
    VaeDef iaf = def("posterior { iaf { steps: 2 hidden: 8 context: 4 } }");
    try (TestSession s = new TestSession()) {
      Vae vae = vae(iaf, s.tf, 3);
      assertMonteCarloBoundProperties(s, vae, data(s));
      assertTrue(
          vae.describe().stream().anyMatch(l -> l.contains("inverse autoregressive flow")),
          String.join("\n", vae.describe()));
    }
  }

  /**
   * A VampPrior over an IAF posterior's model is the mixture of the flow's starting Gaussians q_0(z
   * | u_k) (encode's z0_mean, z0_variance at the pseudo-inputs), a normalised prior; its bound
   * keeps -IWAE-1 = NELBO at the same sample and falls with k.
   */
  @Test
  void aVampPriorOverAnIafPosteriorMixesTheFlowsStartingGaussians() {
    assertTheVampPriorMixesTheGaussians(
        def("posterior { iaf { steps: 2 hidden: 8 context: 4 } }"), "z0_mean", "z0_variance");
    try (TestSession s = new TestSession()) {
      Vae vamp =
          vae(
              def(
                  "posterior { iaf { steps: 2 hidden: 8 context: 4 } } prior { vamp { components: 4 } }"),
              s.tf,
              3);
      assertMonteCarloBoundProperties(s, vamp, data(s));
    }
  }

  @Test
  void gmvaeUsesTheMonteCarloKlSoIwaeOneEqualsItsNelbo() {
    VaeDef gm = def("prior { mixture { components: 5 } }");
    try (TestSession s = new TestSession()) {
      Vae vae = vae(gm, s.tf, 3);
      Operand<TFloat32> x = data(s);
      NegativeElbo t = vae.negativeElbo(s.tf, x, null, seed(s.tf, 5, 9));
      Operand<TFloat32> iw1 = vae.negativeIwae(s.tf, x, null, s.tf.constant(1), seed(s.tf, 5, 9));
      Operand<TFloat32> samples =
          vae.decodeMean(s.tf, vae.prior().sample(s.tf, s.tf.constant(3), seed(s.tf, 1, 1)), null);
      List<float[]> v = s.evalF32(List.of(t.nelbo(), t.kl(), iw1, samples));
      for (int i = 0; i < N; i++) {
        assertEquals(v.get(0)[i], v.get(2)[i], 1e-4f * Math.abs(v.get(0)[i]), "example " + i);
      }
      assertEquals(3 * D, v.get(3).length);
    }
  }

  /**
   * The SSVAE's bound under every label, with the first layer's product with x computed once,
   * equals the plain conditional bound of the images tiled C times with their labels (same noise),
   * term by term, for the analytic KL and for the Monte-Carlo KL of a mixture prior.
   */
  @Test
  void everyLabelBoundEqualsTheTiledConditionalBound() {
    int n = 4, c = 3;
    for (String prior : List.of("", "prior { mixture { components: 5 } }")) {
      VaeDef cond = def("conditional { classes: " + c + " } " + prior);
      try (TestSession s = new TestSession()) {
        Ops tf = s.tf;
        Vae vae = vae(cond, tf, 3);
        float[] pixels =
            java.util.Arrays.copyOf(Binarization.fixed(TinyData.images(n, D, 1), 0), n * D);
        Operand<TFloat32> x = s.f32(pixels, n, D);
        Operand<TInt64> sd = seed(tf, 5, 6);
        NegativeElbo fast = EveryLabelElbo.of(tf, vae, x, sd);
        Operand<TFloat32> tiled = tf.tile(x, tf.constant(new int[] {c, 1}));
        NegativeElbo slow =
            vae.negativeElbo(tf, tiled, EveryLabelElbo.labels(tf, c, tf.constant(n)), sd);
        List<float[]> v =
            s.evalF32(
                List.of(fast.nelbo(), slow.nelbo(), fast.kl(), slow.kl(), fast.rec(), slow.rec()));
        assertEquals(c * n, v.get(0).length);
        for (int i = 0; i < c * n; i++) {
          for (int t = 0; t < 3; t++) {
            assertEquals(v.get(2 * t + 1)[i], v.get(2 * t)[i], 1e-4, prior + " row " + i);
          }
        }
        // Rows differ by label: the labels reach the encoder and the decoder.
        assertTrue(Math.abs(v.get(0)[0] - v.get(0)[n]) > 1e-3, "label 0 vs label 1");
      }
    }
  }

  @Test
  void conditionalIwaeDecodesEverySampleWithItsOwnImagesLabel() {
    // -IWAE-m of a conditional model against the same bound assembled by hand, sample by sample:
    // sample i of image b must be decoded with image b's label (the tiling of y).
    VaeDef cond = def("conditional { classes: 3 }");
    int m = 3, n = 4;
    try (TestSession s = new TestSession()) {
      Ops tf = s.tf;
      Vae vae = vae(cond, tf, 3);
      Operand<TFloat32> x =
          s.f32(
              java.util.Arrays.copyOf(Binarization.fixed(TinyData.images(n, D, 1), 0), n * D),
              n,
              D);
      Operand<TFloat32> y = s.f32(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, n, 3);
      Operand<TInt64> sd = seed(tf, 4, 4);
      Operand<TFloat32> got = vae.negativeIwae(tf, x, y, tf.constant(m), sd);
      var q = vae.encode(tf, x, y);
      Operand<TFloat32> eps = tf.random.statelessRandomNormal(tf.constant(new int[] {m, n, 3}), sd);
      List<Operand<TFloat32>> logW = new java.util.ArrayList<>();
      for (int i = 0; i < m; i++) {
        Operand<TFloat32> zi = q.sample(tf, tf.gather(eps, tf.constant(i), tf.constant(0)));
        Operand<TFloat32> logPx =
            io.tfvae.distributions.Bernoullis.logBernoulliWithLogits(tf, x, vae.decode(tf, zi, y));
        logW.add(
            tf.math.sub(
                tf.math.add(logPx, io.tfvae.distributions.Gaussians.logStdNormal(tf, zi)),
                q.logProb(tf, zi)));
      }
      Operand<TFloat32> want =
          tf.math.neg(io.tfvae.bounds.Bounds.logMeanExp(tf, tf.stack(logW), 0));
      List<float[]> v = s.evalF32(List.of(got, want));
      for (int b = 0; b < n; b++) {
        assertEquals(v.get(1)[b], v.get(0)[b], 1e-3, "image " + b);
      }
      // The label matters: other labels give other bounds.
      Operand<TFloat32> other =
          vae.negativeIwae(
              tf,
              x,
              s.f32(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0}, n, 3),
              tf.constant(m),
              sd);
      float[] o = s.evalF32(other);
      assertTrue(Math.abs(o[0] - v.get(0)[0]) > 1e-4);
    }
  }

  @Test
  void conditionalModelRefusesToRunWithoutLabels() {
    VaeDef cond = def("conditional { classes: 10 }");
    try (TestSession s = new TestSession()) {
      Vae vae = vae(cond, s.tf, 3);
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> vae.negativeElbo(s.tf, data(s), null, seed(s.tf, 1, 1)));
      assertEquals("a conditional model needs labels y", e.getMessage());
    }
  }

  @Test
  void samplesAreProbabilitiesOfTheRightShapeAndRepeatableBySeed() {
    try (TestSession s = new TestSession()) {
      Vae vae = vae(DEF, s.tf, 3);
      float[] a =
          s.evalF32(
              vae.decodeMean(
                  s.tf, vae.prior().sample(s.tf, s.tf.constant(7), seed(s.tf, 1, 1)), null));
      float[] b =
          s.evalF32(
              vae.decodeMean(
                  s.tf, vae.prior().sample(s.tf, s.tf.constant(7), seed(s.tf, 1, 1)), null));
      assertEquals(7 * D, a.length);
      for (int i = 0; i < a.length; i++) {
        assertTrue(a[i] >= 0 && a[i] <= 1);
        assertEquals(a[i], b[i]);
      }
    }
  }

  @Test
  void theReportedBoundIgnoresTheObjectivesBeta() {
    // The same seed gives the same weights in two graphs (initial values are keyed by name), so
    // the two models differ only in their objective, which negative_elbo never sees.
    List<float[]> one;
    List<float[]> half;
    try (TestSession s = new TestSession()) {
      NegativeElbo t = vae(DEF, s.tf, 3).negativeElbo(s.tf, data(s), null, seed(s.tf, 1, 2));
      one = s.evalF32(List.of(t.nelbo(), t.rec(), t.kl()));
    }
    try (TestSession s = new TestSession()) {
      NegativeElbo t =
          vae(def("objective { beta: 0.5 }"), s.tf, 3)
              .negativeElbo(s.tf, data(s), null, seed(s.tf, 1, 2));
      half = s.evalF32(List.of(t.nelbo(), t.rec(), t.kl()));
    }
    for (int k = 0; k < 3; k++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.get(k), half.get(k));
    }
    for (int i = 0; i < N; i++) {
      assertEquals(one.get(1)[i] + one.get(2)[i], one.get(0)[i], 1e-4, "nelbo = rec + kl");
    }
  }

  /**
   * A VampPrior whose pseudo-inputs are fixed to a small data set is that set's aggregate
   * posterior: log p(z) = logmeanexp_k log q(z | u_k), assembled here from the encoder by hand. Its
   * draws are those of a uniform pseudo-input's posterior, and its bound uses the Monte-Carlo KL,
   * so -IWAE-1 equals the NELBO at the same seed.
   */
  @Test
  void aVampPriorIsTheMixtureOfTheEncodersPosteriorsAtItsPseudoInputs() {
    assertTheVampPriorMixesTheGaussians(DEF, "z_mean", "z_variance");
    try (TestSession s = new TestSession()) {
      Vae vamp = vae(def("prior { vamp { components: 4 } }"), s.tf, 3);
      Operand<TFloat32> x = data(s);
      NegativeElbo t = vamp.negativeElbo(s.tf, x, null, seed(s.tf, 5, 9));
      Operand<TFloat32> iw1 = vamp.negativeIwae(s.tf, x, null, s.tf.constant(1), seed(s.tf, 5, 9));
      Operand<TFloat32> draws = vamp.prior().sample(s.tf, s.tf.constant(5), seed(s.tf, 1, 1));
      s.session().initialize();
      List<float[]> v = s.evalF32(List.of(t.nelbo(), iw1, draws));
      for (int i = 0; i < N; i++) {
        assertEquals(v.get(0)[i], v.get(1)[i], 1e-4f * Math.abs(v.get(0)[i]), "example " + i);
      }
      assertEquals(5 * 3, v.get(2).length);
    }
  }
}
