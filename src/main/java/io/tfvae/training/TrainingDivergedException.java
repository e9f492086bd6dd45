package io.tfvae.training;

/** The loss became NaN or infinite; the message names the step and the last good checkpoint. */
public final class TrainingDivergedException extends io.tfvae.util.TfvaeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one-line message
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
