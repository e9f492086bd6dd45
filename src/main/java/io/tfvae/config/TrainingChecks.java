package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.proto.Training;

/** The {@code training} section: the optimizer, its schedule, averaging, sizes and counts. */
final class TrainingChecks {
  /** The most threads. */
  static final int MAX_THREADS = 1024;

  private TrainingChecks() {}

  static void check(Fields root, Training t) {
    Fields at = root.at("training");
    var adam = t.getAdam();
    Fields opt = at.at("adam");
    opt.finitePositive("learning_rate", adam.getLearningRate());
    opt.fraction("beta1", adam.getBeta1());
    opt.fraction("beta2", adam.getBeta2());
    if (!(adam.getEpsilon() > 0f)) {
      opt.fail("epsilon", "a number > 0", adam.getEpsilon());
    }
    if (adam.hasDecay()) {
      var decay = adam.getDecay();
      if (!(decay.getRate() > 0f && decay.getRate() <= 1f)) {
        opt.fail("decay.rate", "a number in (0, 1]", decay.getRate());
      }
      opt.positive("decay.every", decay.getEvery(), Fields.MAX_STEPS);
      if (!(decay.getMin() >= 0f && decay.getMin() <= adam.getLearningRate())) {
        opt.fail(
            "decay.min",
            "a number in [0, learning_rate = " + adam.getLearningRate() + "]",
            decay.getMin());
      }
    }
    if (adam.hasCosine()) {
      if (adam.hasDecay()) {
        opt.fail("cosine", "no decay beside it (one schedule)", "decay and cosine");
      }
      opt.positive("cosine.steps", adam.getCosine().getSteps(), Fields.MAX_STEPS);
      float min = adam.getCosine().getMin();
      if (!(min >= 0f && min <= adam.getLearningRate())) {
        opt.fail(
            "cosine.min", "a number in [0, learning_rate = " + adam.getLearningRate() + "]", min);
      }
    }
    if (adam.getWarmupSteps() < 0 || adam.getWarmupSteps() > Fields.MAX_STEPS) {
      opt.fail("warmup_steps", "a number in 0.." + Fields.MAX_STEPS, adam.getWarmupSteps());
    }
    if (adam.getMethod() == io.tfvae.config.proto.Adam.Method.METHOD_UNSPECIFIED) {
      opt.fail("method", "ADAM or ADAMAX", adam.getMethod());
    }
    if (!(t.getPolyakDecay() >= 0f && t.getPolyakDecay() < 1f)) {
      at.fail("polyak_decay", "a number in [0, 1) (0: no averaging)", t.getPolyakDecay());
    }
    if (t.getExportAverage() && t.getPolyakDecay() == 0f) {
      at.unused(
          "export_average",
          "needs training.polyak_decay > 0 (there is no average to export); set it, or remove"
              + " export_average");
    }
    at.positive("batch_size", t.getBatchSize(), Fields.MAX_SAMPLES);
    if (t.getSteps() < 0 || t.getSteps() > Fields.MAX_STEPS) {
      at.fail("steps", "a number in 0.." + Fields.MAX_STEPS, t.getSteps());
    }
    if (t.getThreads() < 0 || t.getThreads() > MAX_THREADS) {
      at.fail("threads", "a number in 0.." + MAX_THREADS + " (0: all cores)", t.getThreads());
    }
    if (t.getCheckpointEvery() < 0 || t.getCheckpointEvery() > Fields.MAX_STEPS) {
      at.fail(
          "checkpoint_every",
          "a number in 0.." + Fields.MAX_STEPS + " (0: only at the end)",
          t.getCheckpointEvery());
    }
    at.positive("log_every", t.getLogEvery(), Fields.MAX_STEPS);
    at.positive("keep_checkpoints", t.getKeepCheckpoints());
  }
}
