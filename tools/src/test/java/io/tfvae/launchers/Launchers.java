package io.tfvae.launchers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's real launcher scripts ({@code src/bin/tfvae-train}, {@code tools/bin/tfvae}), run
 * as a user runs them but on this test's class path ({@code TFVAE_CLASSPATH}), so nothing is built.
 */
final class Launchers {
  /** What a launcher did. */
  record Run(int code, String out, String err) {}

  static final Path ROOT = repositoryRoot();
  static final Path TRAIN = ROOT.resolve("src/bin/tfvae-train");
  static final Path TOOL = ROOT.resolve("tools/bin/tfvae");

  private Launchers() {}

  /**
   * Runs a launcher in a folder and waits for it.
   *
   * @param cwd the working directory (relative arguments resolve against it)
   * @param launcher {@link #TRAIN} or {@link #TOOL}
   * @param args its arguments
   * @return exit code, stdout and stderr
   */
  static Run run(Path cwd, Path launcher, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).directory(cwd.toFile());
    b.environment().put("TFVAE_CLASSPATH", System.getProperty("java.class.path"));
    b.environment().remove("TF_CPP_MIN_LOG_LEVEL"); // the launcher's own setting is under test
    b.environment().put("TFVAE_JAVA_OPTS", "-Xmx1g");
    Path out = Files.createTempFile("launcher-", ".out");
    Path err = Files.createTempFile("launcher-", ".err");
    try {
      Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("still running after 300 s: " + cmd);
      }
      return new Run(
          p.exitValue(),
          new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
          new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("src/bin/tfvae-train"))) {
        return p;
      }
    }
    throw new IllegalStateException("no src/bin/tfvae-train above " + Path.of("").toAbsolutePath());
  }
}
