package io.tfvae.util;

/**
 * A mistake of the user's (a bad definition, bad data, a busy checkpoint directory, a model that
 * diverged): its message is one line naming the file or field, what was expected and what was
 * found. The command-line programs print it alone; any other exception is a bug and keeps its stack
 * trace.
 */
public class TfvaeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the one-line message shown to the user
   */
  public TfvaeException(String message) {
    super(message);
  }

  /**
   * @param message the one-line message shown to the user
   * @param cause the underlying error
   */
  public TfvaeException(String message, Throwable cause) {
    super(message, cause);
  }
}
