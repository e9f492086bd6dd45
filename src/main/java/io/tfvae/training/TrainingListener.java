package io.tfvae.training;

import java.nio.file.Path;

/** Hooks called by {@link Trainer#fit()}. Every method has an empty default. */
public interface TrainingListener {
  /**
   * Once, when the trainer is built (its session initialised or restored).
   *
   * @param trainer the trainer, for listeners that need the model (sample grids, evaluation)
   */
  default void onAttach(Trainer trainer) {}

  /**
   * Before the first step of a {@code fit} call.
   *
   * @param startStep steps already completed (after a resume)
   * @param totalSteps steps the run will complete
   */
  default void onTrainingBegin(long startStep, long totalSteps) {}

  /**
   * Every {@code training.log_every} steps and after the last one.
   *
   * @param stats averages since the previous call
   */
  default void onReport(StepStats stats) {}

  /**
   * After a checkpoint has been renamed into place.
   *
   * @param step steps it holds
   * @param dir its directory
   */
  default void onCheckpoint(long step, Path dir) {}

  /**
   * After the last step.
   *
   * @param result the result
   */
  default void onTrainingEnd(TrainingResult result) {}
}
