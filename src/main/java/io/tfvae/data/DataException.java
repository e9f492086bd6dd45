package io.tfvae.data;

/** Data that cannot be used: a one-line message naming the file, what was expected and found. */
public final class DataException extends io.tfvae.util.TfvaeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the one-line message shown to the user
   */
  public DataException(String message) {
    super(message);
  }

  /**
   * @param message the one-line message shown to the user
   * @param cause the underlying error
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
