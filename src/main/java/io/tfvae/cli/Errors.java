package io.tfvae.cli;

import java.io.UncheckedIOException;
import org.tensorflow.exceptions.TensorFlowException;
import picocli.CommandLine;

/**
 * Turns the exceptions a user's mistake can cause into one line on stderr and exit code 1;
 * anything else is a bug and keeps its stack trace.
 */
public final class Errors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
    if (ex instanceof IllegalArgumentException
        || ex instanceof IllegalStateException
        || ex instanceof UncheckedIOException
        || ex instanceof java.io.IOException
        || ex instanceof TensorFlowException) {
      cmd.getErr().println(cmd.getCommandName() + ": error: " + oneLine(ex.getMessage()));
      return 1;
    }
    throw ex;
  }

  /**
   * @param message a possibly multi-line message
   * @return its first non-empty line
   */
  public static String oneLine(String message) {
    if (message == null) {
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
