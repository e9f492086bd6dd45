package io.tfvae.tools;

import io.tfvae.util.Errors;
import io.tfvae.util.StandardOutput;
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
      ScoreCommand.class,
      DisentanglementCommand.class
    })
public final class TfvaeCli {
  private TfvaeCli() {}

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    StandardOutput out = new StandardOutput();
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(out.exitCode("tfvae", run(args, out.writer(), err), err));
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
