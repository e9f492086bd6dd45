package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.config.ModelDefinitionException;
import io.tfvae.config.proto.GaussianPosterior;
import io.tfvae.config.proto.IafPosterior;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Posterior;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.models.Vae;
import io.tfvae.models.VaeBuilder;
import io.tfvae.nn.Activation;
import io.tfvae.nn.Mlp;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.Iwae;
import io.tfvae.testing.TinyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class TrainerTest {
  @TempDir Path tmp;
  private static final ImageSet DATA = TinyData.images(200, 20, 3);
  private static final float[] PROBE = Binarization.fixed(TinyData.images(8, 20, 99), 0);

  private static Trainer trainer(ModelDefinition def, Path dir) {
    return Trainer.builder(def).setTrainingData(DATA).optCheckpointDir(dir).build();
  }

  /**
   * {@code log_posterior} is the density of {@code sample_posterior}'s draws for each posterior
   * family of a trained model, the family set in the definition's message and checked in the
   * model's description:
   *
   * <ul>
   *   <li>at each draw it is the log q that {@code sample_posterior} returns with it (the IAF sums
   *       its steps' log σ along the draw there, and inverts the flow here);
   *   <li>∫ q(z | x) dz = 1, by the midpoint rule on a 200 × 200 grid over the draws' mean ± 8
   *       standard deviations (a flow without its log-determinant integrates to E[Π_t Π_i σ_t,i],
   *       about 0.88⁴ ≈ 0.6 near the initial σ_t = sigmoid(2));
   *   <li>the mean ∫ z q(z | x) dz is the mean of 2000 draws, within 4 standard errors;
   *   <li>for the Gaussian, it is log N(z; μ, σ²) at {@code encode}'s mean and variance.
   * </ul>
   */
  @Test
  void logPosteriorScoresCodesForEveryPosteriorFamily() {
    var families =
        java.util.List.of(
            Map.entry(
                Posterior.newBuilder().setGaussian(GaussianPosterior.getDefaultInstance()).build(),
                "posterior: diagonal Gaussian, variance softplus(h) + 1e-8"),
            Map.entry(
                Posterior.newBuilder()
                    .setIaf(IafPosterior.newBuilder().setSteps(2).addHidden(8).setContext(3))
                    .build(),
                "posterior: inverse autoregressive flow, 2 steps of MADE (hidden [8], elu, context"
                    + " 3) on a diagonal Gaussian"));
    for (Map.Entry<Posterior, String> family : families) {
      ModelDef.Builder proto = TinyData.tinyVae(30).proto().toBuilder();
      proto.getVaeBuilder().setPosterior(family.getKey());
      try (Trainer t = trainer(ModelDefinition.of(proto.build(), "tiny.pbtxt"), null)) {
        assertTrue(
            t.model().describe().contains(family.getValue()), t.model().describe()::toString);
        t.fit();
        String name = family.getKey().getKindCase().name();
        int draws = 2000;
        float[] x = firstProbe(draws);
        Map<String, float[]> drawn;
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(draws, 20), DataBuffers.of(x, true, false));
            TInt64 seed = TInt64.vectorOf(1, 2)) {
          drawn = t.calls().call("sample_posterior", Map.of("x", xt, "seed", seed));
        }
        float[] z = drawn.get("z");
        float[] atDraws = logPosterior(t, x, z);
        for (int i = 0; i < draws; i++) {
          float want = drawn.get("log_prob")[i];
          assertEquals(want, atDraws[i], 1e-4 * Math.max(1, Math.abs(want)), name + " draw " + i);
        }
        // Midpoint rule on cells of h_j = 0.08 s_j over the draws' mean m_j ± 8 s_j: for a smooth
        // density its error is far below the 1e-3 allowed, which float log q meets with room.
        double[] mean = new double[2];
        double[] sd = new double[2];
        for (int j = 0; j < 2; j++) {
          for (int i = 0; i < draws; i++) {
            mean[j] += z[2 * i + j] / (double) draws;
          }
          for (int i = 0; i < draws; i++) {
            sd[j] += Math.pow(z[2 * i + j] - mean[j], 2) / (draws - 1);
          }
          sd[j] = Math.sqrt(sd[j]);
        }
        int cells = 200;
        double[] h = {16 * sd[0] / cells, 16 * sd[1] / cells};
        float[] grid = new float[2 * cells * cells];
        for (int a = 0; a < cells; a++) {
          for (int b = 0; b < cells; b++) {
            grid[2 * (a * cells + b)] = (float) (mean[0] - 8 * sd[0] + (a + 0.5) * h[0]);
            grid[2 * (a * cells + b) + 1] = (float) (mean[1] - 8 * sd[1] + (b + 0.5) * h[1]);
          }
        }
        float[] logQ = logPosterior(t, firstProbe(cells * cells), grid);
        double mass = 0;
        double[] gridMean = new double[2];
        for (int i = 0; i < cells * cells; i++) {
          double q = Math.exp(logQ[i]) * h[0] * h[1];
          mass += q;
          gridMean[0] += q * grid[2 * i];
          gridMean[1] += q * grid[2 * i + 1];
        }
        assertEquals(1, mass, 1e-3, name + ": ∫ q(z | x) dz");
        for (int j = 0; j < 2; j++) {
          assertEquals(
              mean[j], gridMean[j] / mass, 4 * sd[j] / Math.sqrt(draws), name + ": E[z_" + j + "]");
        }
        if (family.getKey().hasGaussian()) {
          float[] row = firstProbe(1);
          float[] code = {0.7f, -1.4f};
          Map<String, float[]> encoded;
          try (TFloat32 xt = TFloat32.tensorOf(Shape.of(1, 20), DataBuffers.of(row, true, false))) {
            encoded = t.calls().call("encode", Map.of("x", xt));
          }
          // log N(z; μ, σ²) = Σ_j −½ (log 2πσ_j² + (z_j − μ_j)² / σ_j²)
          double want = 0;
          for (int j = 0; j < 2; j++) {
            double v = encoded.get("z_variance")[j];
            double d = code[j] - encoded.get("z_mean")[j];
            want += -0.5 * (Math.log(2 * Math.PI * v) + d * d / v);
          }
          assertEquals(want, logPosterior(t, row, code)[0], 1e-4 * Math.abs(want));
        }
      }
    }
  }

  /** {@return n copies of PROBE's first row} */
  private static float[] firstProbe(int n) {
    float[] x = new float[20 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(PROBE, 0, x, 20 * i, 20);
    }
    return x;
  }

  /** {@code log_posterior} of each row of x (20 pixels) at its row of z (2 values). */
  private static float[] logPosterior(Trainer t, float[] x, float[] z) {
    int n = z.length / 2;
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, 20), DataBuffers.of(x, true, false));
        TFloat32 zt = TFloat32.tensorOf(Shape.of(n, 2), DataBuffers.of(z, true, false))) {
      return t.calls().call("log_posterior", Map.of("x", xt, "z", zt)).get("log_prob");
    }
  }

  @Test
  void sameSeedSameDataSameThreadsGiveIdenticalLosses() {
    ModelDefinition def = TinyData.tinyVae(60);
    float[] a, b;
    try (Trainer t = trainer(def, null)) {
      a = t.fit().losses();
    }
    try (Trainer t = trainer(def, null)) {
      b = t.fit().losses();
    }
    assertEquals(60, a.length);
    assertArrayEquals(a, b);
    try (Trainer t = trainer(def.withOverride("training.seed", "8"), null)) {
      assertTrue(!Arrays.equals(a, t.fit().losses()), "another seed trains differently");
    }
  }

  /**
   * The loss of step 1 is the batch mean of the model's own negative ELBO (its {@code
   * negative_elbo} signature, β = 1) at the initial weights, on that step's batch (batch 0 of the
   * epoch order, binarized under (seed, 0)) with that step's noise key (seed, 1): the objective and
   * the reported bound are the same formula. A wrong KL weight or sign in either would part them.
   */
  @Test
  void theFirstStepsLossIsTheNegativeElboOfItsBatchAndNoise() {
    ModelDefinition def = TinyData.tinyVae(1);
    assertEquals(stepOneBound(def, 0), firstLoss(def), 1e-5 * Math.abs(firstLoss(def)));
  }

  /**
   * Under the IWAE objective the loss of step 1 is the batch mean of {@code negative_iwae} with m =
   * k at the same batch and key; and at the same weights it lies below the ELBO's (IWAE-8 is the
   * tighter bound: on average, and 10 examples make the gap far larger than its noise at init).
   */
  @Test
  void iwaeObjectiveTrainsOnTheTighterBound() {
    ModelDefinition elbo = TinyData.tinyVae(1);
    ModelDefinition iwae = elbo.withOverride("vae.objective", "iwae { k: 8 }");
    float w = firstLoss(iwae);
    assertEquals(stepOneBound(iwae, 8), w, 1e-5 * Math.abs(w));
    assertTrue(w < firstLoss(elbo), "IWAE-8 " + w + " vs ELBO " + firstLoss(elbo) + " at step 1");
  }

  /** The loss training reports for step 1. */
  private static float firstLoss(ModelDefinition def) {
    try (Trainer t = trainer(def, null)) {
      return t.fit().losses()[0];
    }
  }

  /**
   * The batch mean of the model's bound on step 1's batch and noise at the initial weights: {@code
   * negative_elbo} (m = 0) or {@code negative_iwae} with m samples.
   */
  private static double stepOneBound(ModelDefinition def, int m) {
    TrainingConfig config = TrainingConfig.of(def);
    float[] x = StepBatches.of(config, DATA, null, 0).batch(0).pixels();
    int n = config.settings().batchSize();
    long[] key = {config.settings().seed(), 1};
    try (Trainer t = trainer(def, null)) {
      float[] perExample =
          m == 0
              ? t.calls().negativeElbo(x, null, n, key)[0]
              : t.calls().negativeIwae(x, null, n, m, key);
      double mean = 0;
      for (float v : perExample) {
        mean += v / n;
      }
      return mean;
    }
  }

  /**
   * The VampPrior is a part like any other: under the IWAE objective its first loss is its own
   * −IWAE-4 on step 1's batch and noise, and it trains 300 steps to finite weights.
   */
  @Test
  void vampPriorTrainsUnderTheIwaeObjective() {
    ModelDefinition def =
        TinyData.tinyVae(1)
            .withOverride("vae.prior", "vamp { components: 5 }")
            .withOverride("vae.objective", "iwae { k: 4 }");
    float first = firstLoss(def);
    assertEquals(stepOneBound(def, 4), first, 1e-5 * Math.abs(first));
    try (Trainer t = trainer(def.withOverride("training.steps", "300"), null)) {
      for (float l : t.fit().losses()) {
        assertTrue(Float.isFinite(l), "finite losses");
      }
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRunExactly() {
    ModelDefinition def40 = TinyData.tinyVae(40);
    float[] straight;
    float[][] straightBound;
    try (Trainer t = trainer(def40, tmp.resolve("a"))) {
      straight = t.fit().losses();
      straightBound = t.calls().negativeElbo(PROBE, null, 8, new long[] {1, 2});
    }
    try (Trainer t = trainer(TinyData.tinyVae(25), tmp.resolve("b"))) {
      t.fit();
    }
    // Steps 21..25 ran after the last periodic checkpoint (20) but the end-of-run checkpoint keeps
    // them.
    try (Trainer t = trainer(def40, tmp.resolve("b"))) {
      assertEquals(25, t.step());
      TrainingResult r = t.fit();
      assertEquals(25, r.firstStep());
      assertArrayEquals(Arrays.copyOfRange(straight, 25, 40), r.losses());
      float[][] resumedBound = t.calls().negativeElbo(PROBE, null, 8, new long[] {1, 2});
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(straightBound[i], resumedBound[i], "weights after resume equal");
      }
    }
  }

  @Test
  void fittingInPiecesEqualsOneFitAndCheckpointsOnlyAtTheEnd() {
    ModelDefinition def = TinyData.tinyVae(40).withOverride("training.checkpoint_every", "0");
    float[] whole;
    try (Trainer t = trainer(def, null)) {
      whole = t.fit().losses();
    }
    try (Trainer t = trainer(def, tmp.resolve("pieces"))) {
      float[] first = t.fitTo(13).losses();
      assertEquals(13, t.step());
      assertTrue(t.checkpoints().list().isEmpty(), "no checkpoint before training.steps");
      float[] second = t.fitTo(1000).losses();
      assertEquals(40, t.step());
      assertArrayEquals(Arrays.copyOfRange(whole, 0, 13), first);
      assertArrayEquals(Arrays.copyOfRange(whole, 13, 40), second);
      assertEquals(40, t.checkpoints().list().get(0).step(), "the end is checkpointed");
    }
  }

  /**
   * Polyak averaging: the exported weights are a_1 = w_1, a_t = d a_{t−1} + (1 − d) w_t over the
   * weights after each step, computed here in float32 as the graph does; the manifest says so; and
   * a run stopped at step 3 and resumed exports the same averages, byte for byte.
   */
  @Test
  void thePolyakAverageIsExportedAsComputedInPlainJava() throws Exception {
    float d = 0.9f;
    ModelDefinition def =
        TinyData.tinyVae(6)
            .withOverride("training.polyak_decay", "0.9")
            .withOverride("training.export_average", "true");
    java.util.TreeMap<String, float[]> average = new java.util.TreeMap<>();
    Path straight = tmp.resolve("polyak-straight");
    try (Trainer t = trainer(def, null)) {
      for (int k = 1; k <= 6; k++) {
        t.fitTo(k);
        for (var e : t.weights().entrySet()) {
          float[] w = e.getValue();
          float[] a = average.get(e.getKey());
          if (a == null) {
            average.put(e.getKey(), w.clone());
          } else {
            for (int i = 0; i < a.length; i++) {
              a[i] = d * a[i] + (1f - d) * w[i];
            }
          }
        }
      }
      var manifest = t.export(straight).json();
      assertEquals("polyak average", manifest.get("exported_weights").getAsString());
      assertTrue(
          !Arrays.equals(average.get(average.firstKey()), t.weights().get(average.firstKey())));
    }
    try (org.tensorflow.SavedModelBundle b =
        org.tensorflow.SavedModelBundle.load(straight.toString(), "serve")) {
      for (var e : average.entrySet()) {
        try (org.tensorflow.Result r = b.session().runner().fetch(e.getKey()).run()) {
          TFloat32 got = (TFloat32) r.get(0);
          float[] v = new float[e.getValue().length];
          got.copyTo(DataBuffers.of(v, false, false));
          assertArrayEquals(e.getValue(), v, 1e-7f, e.getKey());
        }
      }
    }
    Path resumed = tmp.resolve("polyak-resumed");
    try (Trainer t = trainer(def.withOverride("training.steps", "3"), tmp.resolve("pc"))) {
      t.fit();
    }
    try (Trainer t = trainer(def, tmp.resolve("pc"))) {
      t.fit();
      t.export(resumed);
    }
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("variables/variables.data-00000-of-00001")),
        Files.readAllBytes(resumed.resolve("variables/variables.data-00000-of-00001")));
  }

  /**
   * Adamax with a linear warm-up into a cosine decay, from a definition: it trains differently from
   * Adam, and a run stopped at step 25 and resumed gives the uninterrupted run's losses exactly
   * (the step size is a function of the step; u and m are in the checkpoint).
   */
  @Test
  void adamaxWithWarmUpAndCosineTrainsAndResumesExactly() {
    ModelDefinition adam = TinyData.tinyVae(40);
    ModelDefinition adamax =
        adam.withOverride("training.adam.method", "ADAMAX")
            .withOverride("training.adam.cosine", "steps: 30 min: 0.0001")
            .withOverride("training.adam.warmup_steps", "5");
    float[] a, x;
    try (Trainer t = trainer(adam, null)) {
      a = t.fit().losses();
    }
    try (Trainer t = trainer(adamax, tmp.resolve("x"))) {
      x = t.fit().losses();
    }
    assertEquals(a[0], x[0], "the first step's loss comes before any update");
    assertTrue(!Arrays.equals(a, x), "Adamax with its schedule trains differently");
    try (Trainer t = trainer(adamax.withOverride("training.steps", "25"), tmp.resolve("y"))) {
      t.fit();
    }
    try (Trainer t = trainer(adamax, tmp.resolve("y"))) {
      assertArrayEquals(Arrays.copyOfRange(x, 25, 40), t.fit().losses());
    }
  }

  @Test
  void decayingStepSizeTrainsAndResumesExactly() {
    ModelDefinition constant = TinyData.tinyVae(40);
    // rate 1 keeps lr_0: the scheduled path must then train exactly like the constant one.
    ModelDefinition flat = constant.withOverride("training.adam.decay", "rate: 1 every: 10");
    ModelDefinition decaying = constant.withOverride("training.adam.decay", "rate: 0.5 every: 10");
    float[] c, f, d;
    try (Trainer t = trainer(constant, null)) {
      c = t.fit().losses();
    }
    try (Trainer t = trainer(flat, null)) {
      f = t.fit().losses();
    }
    try (Trainer t = trainer(decaying, tmp.resolve("a"))) {
      d = t.fit().losses();
    }
    assertArrayEquals(c, f);
    assertEquals(c[0], d[0], "the first step's loss comes before any update");
    assertTrue(!Arrays.equals(c, d), "a decaying step size trains differently");
    try (Trainer t = trainer(decaying.withOverride("training.steps", "25"), tmp.resolve("b"))) {
      t.fit();
    }
    try (Trainer t = trainer(decaying, tmp.resolve("b"))) {
      assertArrayEquals(Arrays.copyOfRange(d, 25, 40), t.fit().losses());
    }
  }

  /**
   * bfloat16 is an opt-in of the session only: it trains, the manifest says so, and its first loss
   * (same weights, same batch) is the float32 loss up to bfloat16 rounding.
   */
  /**
   * training.precision BFLOAT16 runs the step's matrix products in bfloat16 (TensorFlow's oneDNN
   * rewrite, read from the graphs as they ran), trains to finite losses near float32's, and is
   * recorded in the manifest. On a CPU without AVX-512 BF16 or AMX the rewrite does nothing, so the
   * test is skipped there rather than passing without bfloat16.
   */
  @Test
  void bfloat16RunsTheProductsInBfloat16AndIsRecorded() {
    String isa = io.tfvae.util.MachineInfo.current().isa();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        isa.equals("avx512_core_bf16") || isa.equals("avx512_core_amx"),
        "this CPU (oneDNN " + isa + ") has no bfloat16 arithmetic for the rewrite to use");
    ModelDefinition f32 = TinyData.tinyVae(20);
    ModelDefinition bf16 = f32.withOverride("training.precision", "BFLOAT16");
    float[] a, b;
    try (Trainer t = trainer(f32, null)) {
      a = t.fit().losses();
    }
    try (Trainer t = trainer(bf16, tmp.resolve("bf16"))) {
      java.util.Set<String> productTypes = new java.util.TreeSet<>();
      for (var g : t.profileStep().getPartitionGraphsList()) {
        for (var n : g.getNodeList()) {
          if (n.getOp().contains("MatMul") && n.getAttrMap().containsKey("T")) {
            productTypes.add(n.getAttrMap().get("T").getType().name());
          }
        }
      }
      assertTrue(productTypes.contains("DT_BFLOAT16"), "products ran in " + productTypes);
      b = t.fit().losses();
      assertEquals(
          "bfloat16",
          t.export(tmp.resolve("model")).json().get("training_precision").getAsString());
    }
    for (float l : b) {
      assertTrue(Float.isFinite(l), "finite losses");
    }
    assertEquals(a[1], b[0], 0.02 * Math.abs(a[1]), "step 2's loss (step 1 was the traced one)");
  }

  @Test
  void checkpointsAreRenamedIntoPlaceAndPruned() throws Exception {
    Path dir = tmp.resolve("c");
    try (Trainer t = trainer(TinyData.tinyVae(50), dir)) {
      t.fit();
    }
    try (var s = Files.list(dir)) {
      var names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(
          java.util.List.of(".lock", "ckpt-000000040", "ckpt-000000050"),
          names,
          "the lock, keep 2, no temporaries");
    }
    assertTrue(Files.exists(dir.resolve("ckpt-000000050/variables.index")));
    assertTrue(Files.exists(dir.resolve("ckpt-000000050/state.json")));
  }

  @Test
  void refusesToResumeACheckpointOfAnotherModel() {
    try (Trainer t = trainer(TinyData.tinyVae(10), tmp.resolve("d"))) {
      t.fit();
    }
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class,
            () ->
                trainer(
                    TinyData.tinyVae(10).withOverride("vae.latent_dim", "3"), tmp.resolve("d")));
    assertEquals(
        tmp.resolve("d")
            + ": holds checkpoints of another model than tiny.pbtxt (override vae.latent_dim=3) (its"
            + " model definition differs); use"
            + " another checkpoint directory to start afresh",
        e.getMessage());
  }

  /**
   * Two model classes on one definition: a checkpoint of the definition's VAE must not restore into
   * a model of the same definition built with another prior (whose variables differ), nor into one
   * with the same variables but another objective.
   */
  @Test
  void refusesACheckpointOfAnotherModelClassOnTheSameDefinition() {
    ModelDefinition def = TinyData.tinyVae(10);
    Path dir = tmp.resolve("same-def");
    try (Trainer t = trainer(def, dir)) {
      t.fit();
    }
    VaeBuilder other =
        Vae.builder()
            .setDataShape(org.tensorflow.ndarray.Shape.of(20))
            .setLatentDim(def.proto().getVae().getLatentDim())
            .setEncoder(
                Mlp.spec(
                    new int[] {def.proto().getVae().getEncoder().getHidden(0)},
                    2 * def.proto().getVae().getLatentDim(),
                    Activation.ELU))
            .setDecoder(
                Mlp.spec(
                    new int[] {def.proto().getVae().getDecoder().getHidden(0)},
                    20,
                    Activation.ELU));
    ModelDefinitionException prior =
        assertThrows(
            ModelDefinitionException.class,
            () ->
                Trainer.builder(def)
                    .setTrainingData(DATA)
                    .optCheckpointDir(dir)
                    .optModel(other.optPrior(PriorFactory.mixtureOfGaussians(3)).build())
                    .build());
    assertTrue(
        prior
            .getMessage()
            .contains(
                "(line 3 of the model's description is 'prior: standard normal' there, 'prior:"
                    + " uniform mixture of 3 learned diagonal Gaussians' here)"),
        prior.getMessage());
    ModelDefinitionException objective =
        assertThrows(
            ModelDefinitionException.class,
            () ->
                Trainer.builder(def)
                    .setTrainingData(DATA)
                    .optCheckpointDir(dir)
                    .optModel(
                        other
                            .optPrior(PriorFactory.standardNormal())
                            .optObjective(Iwae.withSamples(2))
                            .build())
                    .build());
    assertTrue(
        objective
            .getMessage()
            .contains("'objective: elbo, beta 1.0' there, 'objective: iwae, k 2'"),
        objective.getMessage());
  }

  /** A model and a configuration built in Java alone train, resume exactly, and checkpoint. */
  @Test
  void aJavaBuiltModelResumesExactlyWithoutADefinition() {
    Vae.Factory vae =
        Vae.builder()
            .setDataShape(org.tensorflow.ndarray.Shape.of(20))
            .setLatentDim(2)
            .setEncoder(Mlp.spec(new int[] {8}, 4, Activation.ELU))
            .setDecoder(Mlp.spec(new int[] {8}, 20, Activation.ELU))
            .optObjective(Elbo.builder().optWarmUp(0f, 20).build())
            .build();
    TrainingConfig.Builder config =
        TrainingConfig.builder().optBatchSize(10).optSeed(1).optThreads(2);
    float[] whole;
    try (Trainer t =
        Trainer.builder(vae, config.optSteps(40).build()).setTrainingData(DATA).build()) {
      whole = t.fit().losses();
    }
    Path dir = tmp.resolve("java");
    try (Trainer t =
        Trainer.builder(vae, config.optSteps(15).optCheckpoints(0, 5, 1).build())
            .setTrainingData(DATA)
            .optCheckpointDir(dir)
            .build()) {
      t.fit();
    }
    try (Trainer t =
        Trainer.builder(vae, config.optSteps(40).build())
            .setTrainingData(DATA)
            .optCheckpointDir(dir)
            .build()) {
      TrainingResult r = t.fit();
      assertEquals(15, r.firstStep());
      assertArrayEquals(Arrays.copyOfRange(whole, 15, 40), r.losses());
    }
  }

  @Test
  void divergenceStopsWithStepAndLastGoodCheckpoint() {
    ModelDefinition def = TinyData.tinyVae(200).withOverride("training.adam.learning_rate", "1e30");
    try (Trainer t = trainer(def, tmp.resolve("e"))) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
      assertTrue(
          e.getMessage()
              .matches(
                  "step \\d+: training loss is (NaN|Infinity|-Infinity); last good checkpoint: .*"),
          e.getMessage());
      assertTrue(e.getMessage().contains("lower training.adam.learning_rate"));
    }
  }

  @Test
  void batchLargerThanTheDataIsAOneLineError() {
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class,
            () -> trainer(TinyData.tinyVae(5).withOverride("training.batch_size", "500"), null));
    assertEquals(
        "tiny.pbtxt (override training.batch_size=500): training.batch_size: expected at most 200"
            + " (the training set size), got 500",
        e.getMessage());
  }

  /**
   * Each objective beyond the ELBO trains from a definition through the model's step record: its
   * own terms are reported beside the NELBO, the loss stays finite, and the manifest names it.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "beta_tcvae { beta: 6 } | mi,tc,dim_kl | beta-tcvae, alpha 1.0 beta 6.0 gamma 1.0",
        "beta_tcvae { estimator: MINIBATCH_STRATIFIED } | mi,tc,dim_kl | beta-tcvae, alpha 1.0 beta 6.0 gamma 1.0, minibatch-stratified sampling",
        "dip_vae { kind: II lambda_od: 5 lambda_d: 5 } | dip | dip-vae-ii, lambda_od 5.0",
        "capacity { gamma: 100 max_nats: 5 steps: 10 } | capacity | capacity, gamma 100.0",
        "mmd { kl_weight: 1 mmd_weight: 99 kernel: RBF } | mmd | mmd, kl weight 1.0, mmd weight 99.0, rbf",
      })
  void everyObjectiveTrainsFromADefinitionAndReportsItsTerms(
      String objective, String metrics, String description) {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 3 encoder { hidden: 8 } decoder { hidden: 8 } objective { "
                + objective
                + " } } training { batch_size: 10 steps: 12 seed: 2 threads: 1 }",
            "objective");
    try (Trainer t = Trainer.builder(def).setTrainingData(DATA).build()) {
      var r = t.fit();
      for (String m : metrics.split(",")) {
        assertTrue(t.metricNames().contains(m), m + " in " + t.metricNames());
        assertTrue(Double.isFinite(r.metrics().get(m)), m + " " + r.metrics());
      }
      for (float loss : r.losses()) {
        assertTrue(Float.isFinite(loss), "loss " + loss);
      }
      String described = String.join("\n", t.model().describe());
      assertTrue(described.contains("objective: " + description.strip()), described);
    }
  }
}
