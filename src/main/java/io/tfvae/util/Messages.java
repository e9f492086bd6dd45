package io.tfvae.util;

/** Text helpers for messages shown to users. */
public final class Messages {
  private Messages() {}

  /**
   * The first non-blank line of a message, trimmed: native TensorFlow errors and parser messages
   * run over several lines, and a user is shown one.
   *
   * @param message a possibly multi-line message, or null
   * @return its first non-blank line, or "unknown error"
   */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    for (String line : message.split("\n")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return message.trim();
  }
}
