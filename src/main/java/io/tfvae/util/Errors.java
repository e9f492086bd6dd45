package io.tfvae.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The execution-exception handler of every command-line program here: a user's mistake ({@link
 * TfvaeException}) or a file-system failure becomes one line on stderr, {@code PROGRAM: error:
 * MESSAGE}, and exit code 1. Anything else is a bug and is rethrown with its stack trace.
 */
public final class Errors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
    if (!isUsersMistake(ex)) {
      throw ex;
    }
    cmd.getErr().println(programName(cmd) + ": error: " + Messages.firstLine(ex.getMessage()));
    return 1;
  }

  /**
   * Whether an exception is shown as one line rather than as a bug.
   *
   * @param ex the exception
   * @return true for {@link TfvaeException} and I/O failures
   */
  public static boolean isUsersMistake(Throwable ex) {
    return ex instanceof TfvaeException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException;
  }

  /** "tfvae eval" for a subcommand, "tfvae-train" for a top-level command. */
  private static String programName(CommandLine cmd) {
    String name = cmd.getCommandName();
    for (CommandLine p = cmd.getParent(); p != null; p = p.getParent()) {
      name = p.getCommandName() + " " + name;
    }
    return name;
  }
}
