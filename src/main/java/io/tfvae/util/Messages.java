package io.tfvae.util;

import java.io.IOException;

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

  private static final java.util.regex.Pattern JSON_PLACE =
      java.util.regex.Pattern.compile("line (\\d+) column (\\d+)");

  private static final java.util.regex.Pattern CLASS_PREFIX =
      java.util.regex.Pattern.compile("^([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(: ?)?");

  /**
   * What went wrong reading a file, in words and without Java class names: a parser's or library's
   * exception becomes "not valid JSON at line 3 column 7", "ends early", or its own first line with
   * any class name taken off.
   *
   * @param e what a reader threw
   * @return a short phrase
   */
  public static String describe(Throwable e) {
    if (e instanceof com.google.gson.JsonParseException) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      var place = JSON_PLACE.matcher(m);
      boolean early =
          e.getCause() instanceof java.io.EOFException
              || m.contains("End of input")
              || m.contains("Unterminated");
      return (early ? "not valid JSON: it ends early" : "not valid JSON")
          + (place.find() ? " (line " + place.group(1) + " column " + place.group(2) + ")" : "");
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.io.EOFException
          || String.valueOf(c.getMessage()).startsWith("java.io.EOFException")) {
        return "it ends early";
      }
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text";
    }
    String line = firstLine(e.getMessage());
    String bare = CLASS_PREFIX.matcher(line).replaceFirst("").trim();
    return bare.isEmpty() || line.equals("unknown error") ? "unreadable" : bare;
  }

  private static final java.util.regex.Pattern NATIVE_PATH_PREFIX =
      java.util.regex.Pattern.compile("^/\\S*; (.+)$");

  /**
   * Why a native TensorFlow operation failed, in its first line without the temporary file it names
   * ("/x/.m.tmp-1/variables/...; No space left on device" gives "No space left on device"): the
   * caller names the file the user knows.
   *
   * @param e what TensorFlow threw
   * @return a short phrase
   */
  public static String nativeReason(RuntimeException e) {
    String line = firstLine(e.getMessage());
    var m = NATIVE_PATH_PREFIX.matcher(line);
    return m.matches() ? m.group(1) : line;
  }

  /**
   * A failure to write a file, naming it, with the innermost I/O cause's reason: writers such as
   * ImageIO say neither the file nor the cause ("I/O error writing PNG file!" over "No space left
   * on device").
   *
   * @param file the file being written
   * @param e what the write threw
   * @return an exception whose message is {@code FILE: cannot write: REASON}
   */
  public static IOException cannotWrite(java.nio.file.Path file, IOException e) {
    IOException root = e;
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        root = io;
      }
    }
    return new IOException(file + ": cannot write: " + reason(root), e);
  }

  /**
   * Why a file operation failed, in words and without the path (the caller names the file): "No
   * space left on device", "permission denied", "no such file or directory".
   *
   * @param e what the operation threw
   * @return a short phrase
   */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return describe(e);
  }
}
