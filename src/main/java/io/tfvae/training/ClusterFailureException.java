package io.tfvae.training;

import io.tfvae.util.TfvaeException;

/** A cluster step that could not complete: a task died or cannot be reached. */
public final class ClusterFailureException extends TfvaeException {
  /**
   * @param message one line naming the step, the tasks and the last good checkpoint
   */
  public ClusterFailureException(String message) {
    super(message);
  }
}
