package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.data.ImageSet;
import io.tfvae.models.ComputeCost;
import io.tfvae.models.Model;
import io.tfvae.models.ModelSummary;
import io.tfvae.models.Models;
import io.tfvae.models.StepInputs;
import io.tfvae.models.TrainingData;
import io.tfvae.models.TrainingObjective;
import io.tfvae.models.Vae;
import io.tfvae.testing.FreshJvm;
import io.tfvae.testing.TinyData;
import io.tfvae.util.TfvaeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

class CrashSafetyTest {
  private static final long STEPS = 1500;
  @TempDir Path tmp;

  private static Trainer trainer(long steps, Path dir) {
    return Trainer.builder(TrainProbe.definition(steps))
        .setTrainingData(TinyData.images(300, 16, 5))
        .optCheckpointDir(dir)
        .build();
  }

  private static long newestStep(Path dir) {
    Checkpoints.Checkpoint c = new Checkpoints(dir, 2).latest().orElse(null);
    return c == null ? -1 : c.step();
  }

  private static byte[] finalVariables(Path dir) throws IOException {
    return Files.readAllBytes(
        dir.resolve(String.format("ckpt-%09d", STEPS)).resolve("variables.data-00000-of-00001"));
  }

  @Test
  void sigkillAtARandomStepThenResumeEndsWithExactlyTheUninterruptedWeights() throws Exception {
    Path straight = tmp.resolve("straight");
    try (Trainer t = trainer(STEPS, straight)) {
      t.fit();
    }
    Path crashed = tmp.resolve("crashed");
    long killAfter = 50 + new SplittableRandom().nextInt((int) STEPS - 300);
    Process child =
        FreshJvm.command(TrainProbe.class, crashed.toString(), String.valueOf(STEPS))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (newestStep(crashed) < killAfter && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(
        child.isAlive(),
        "the child finished before the kill at step " + killAfter + "; raise STEPS");
    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    long resumedFrom;
    try (Trainer t = trainer(STEPS, crashed)) {
      resumedFrom = t.step();
      assertTrue(
          resumedFrom >= killAfter - 25 && resumedFrom < STEPS, "resumed from " + resumedFrom);
      TrainingResult r = t.fit();
      assertEquals(STEPS, r.lastStep());
    }
    assertArrayEquals(
        finalVariables(straight),
        finalVariables(crashed),
        "weights and optimizer state after a kill near step "
            + killAfter
            + " and a resume from "
            + resumedFrom);
  }

  /**
   * Checkpoints are renamed into place whole, so a damaged one was damaged after it was written: it
   * is an error naming the file (never a silent start from an older one), nothing is deleted, and
   * once the user moves it aside training resumes from the one before.
   */
  @Test
  void aDamagedNewestCheckpointIsAnErrorNamingTheFileAndIsKept() throws IOException {
    Path dir = tmp.resolve("c");
    try (Trainer t = trainer(50, dir)) {
      t.fit();
    }
    Path newest = dir.resolve("ckpt-000000050/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(newest);
    Arrays.fill(bytes, bytes.length / 3, bytes.length / 3 + 64, (byte) 0x5a);
    Files.write(newest, bytes);
    TfvaeException e = assertThrows(TfvaeException.class, () -> trainer(50, dir));
    assertTrue(
        e.getMessage()
            .startsWith(
                newest
                    + ": corrupt or changed: its SHA-256 is not the one recorded when it was"
                    + " checkpointed; the checkpoint is damaged: move "
                    + dir.resolve("ckpt-000000050")
                    + " aside"),
        e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(newest), "the damaged checkpoint is kept as it is");
    Files.move(dir.resolve("ckpt-000000050"), tmp.resolve("set-aside"));
    try (Trainer t = trainer(50, dir)) {
      assertEquals(25, t.step(), "resumed from the previous checkpoint");
    }
  }

  /**
   * A state file cut short is named, with where the JSON ends; a checkpoint written before digests
   * were recorded (no "files" in its state) still has its damaged variables file named, from
   * TensorFlow's restore error.
   */
  @Test
  void aDamagedStateOrAnUndigestedCheckpointIsNamed() throws IOException {
    Path dir = tmp.resolve("s");
    try (Trainer t = trainer(50, dir)) {
      t.fit();
    }
    Path state = dir.resolve("ckpt-000000050/state.json");
    String full = Files.readString(state);
    Files.writeString(state, full.substring(0, 20));
    TfvaeException e = assertThrows(TfvaeException.class, () -> trainer(50, dir));
    assertTrue(
        e.getMessage().startsWith(state + ": not valid JSON: it ends early (line 1 column"),
        e.getMessage());

    var json = com.google.gson.JsonParser.parseString(full).getAsJsonObject();
    json.remove("files");
    json.remove("checksum");
    Files.writeString(state, json.toString());
    Path data = dir.resolve("ckpt-000000050/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));
    e = assertThrows(TfvaeException.class, () -> trainer(50, dir));
    assertTrue(e.getMessage().startsWith(data + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("the checkpoint is damaged"), e.getMessage());
  }

  @Test
  void temporariesOfAnInterruptedWriteAreIgnoredAndRemoved() throws IOException {
    Path dir = tmp.resolve("t");
    try (Trainer t = trainer(25, dir)) {
      t.fit();
    }
    Path half = Files.createDirectories(dir.resolve(".ckpt-000000050.tmp-123"));
    Files.writeString(half.resolve("variables.index"), "half written");
    try (Trainer t = trainer(50, dir)) {
      assertEquals(25, t.step());
    }
    assertFalse(Files.exists(half));
  }

  /**
   * A model whose loss turns NaN from step 31 on (its gradient poisons every weight), after a good
   * checkpoint at step 25: training stops naming that checkpoint, nothing non-finite is
   * checkpointed or exported, and a resumed trainer starts from step 25 with finite weights.
   */
  @Test
  void aDivergedRunCheckpointsAndExportsNothingNonFinite() throws IOException {
    Path dir = tmp.resolve("d");
    Path export = tmp.resolve("model");
    var def = TrainProbe.definition(300);
    try (Trainer t =
        Trainer.builder(def)
            .setTrainingData(TinyData.images(300, 16, 5))
            .optCheckpointDir(dir)
            .optModel(
                params -> new PoisonedFromStep((Vae) Models.factory(def, 16).create(params), 30))
            .build()) {
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
      assertEquals(
          "step 31: training loss is NaN; last good checkpoint: "
              + dir.resolve("ckpt-000000025")
              + " (lower training.adam.learning_rate, or check the input data)",
          e.getMessage());
      TrainingDivergedException ex =
          assertThrows(TrainingDivergedException.class, () -> t.export(export));
      assertTrue(
          ex.getMessage()
              .contains(
                  "the weights are not finite, so they are neither checkpointed nor exported"),
          ex.getMessage());
    }
    assertFalse(Files.exists(export), "nothing exported");
    try (var s = Files.list(dir)) {
      assertEquals(
          List.of(".lock", "ckpt-000000025"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Trainer t =
        Trainer.builder(def)
            .setTrainingData(TinyData.images(300, 16, 5))
            .optCheckpointDir(dir)
            .build()) {
      assertEquals(25, t.step(), "resumed from the last good checkpoint");
      float[][] v = t.calls().negativeElbo(new float[16], null, 1, new long[] {0, 0});
      assertTrue(Float.isFinite(v[0][0]));
    }
  }

  /** A model whose training loss is multiplied by NaN from a given step on. */
  private record PoisonedFromStep(Vae vae, long from) implements Model {
    @Override
    public ModelSummary summary() {
      return vae.summary();
    }

    @Override
    public TrainingData prepare(ImageSet data) {
      return vae.prepare(data);
    }

    @Override
    public TrainingObjective training(Ops tf, StepInputs in) {
      TrainingObjective o = vae.training(tf, in);
      var poisoned =
          tf.select(
              tf.math.greaterEqual(in.step(), tf.constant(from)),
              tf.constant(Float.NaN),
              tf.constant(1f));
      return new TrainingObjective(tf.math.mul(o.loss(), poisoned), o.metrics());
    }

    @Override
    public List<Signature> signatures(Ops tf) {
      return vae.signatures(tf);
    }

    @Override
    public ComputeCost cost() {
      return vae.cost();
    }

    // The same model with poisoned training: its checkpoints are the VAE's.
    @Override
    public List<String> describe() {
      return vae.describe();
    }
  }

  private static String captureStderr(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString();
  }
}
