package io.tfvae.tools;

import io.tfvae.util.Errors;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tfvae}: evaluate, sample from and inspect SavedModels. */
@Command(
    name = "tfvae",
    mixinStandardHelpOptions = true,
    description = "Evaluate, sample from and inspect tfvae SavedModels.",
    subcommands = {
      EvalCommand.class,
      SampleCommand.class,
      InspectCommand.class,
      AgreementCommand.class,
      TraverseCommand.class,
      CompareCommand.class,
      ScoreCommand.class
    })
public final class TfvaeCli {
  private TfvaeCli() {}

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the CLI with the given streams (tests call this).
   *
   * @param args command-line arguments
   * @param out results
   * @param err logs and errors
   * @return the exit code: 0, 1 for a user's mistake, 2 for a bad flag
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(TfvaeCli.class);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new Errors());
    return cmd.execute(args);
  }
}
