package io.tfvae.tools;

/** A user-facing failure of the tool: printed as one line, exit code 1. */
final class ToolException extends io.tfvae.util.TfvaeException {
  private static final long serialVersionUID = 1L;

  ToolException(String message) {
    super(message);
  }

  ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
