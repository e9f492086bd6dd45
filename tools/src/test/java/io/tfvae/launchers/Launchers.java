package io.tfvae.launchers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    return run(cwd, Map.of(), null, launcher, args);
  }

  /**
   * Runs a launcher with extra environment variables, its standard output sent to a file.
   *
   * @param cwd the working directory
   * @param env variables to set
   * @param stdout where standard output goes ({@code /dev/full}...), or null to capture it
   * @param launcher {@link #TRAIN} or {@link #TOOL}
   * @param args its arguments
   * @return exit code, stdout (empty when redirected) and stderr
   */
  static Run run(Path cwd, Map<String, String> env, Path stdout, Path launcher, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).directory(cwd.toFile());
    b.environment().put("TFVAE_CLASSPATH", System.getProperty("java.class.path"));
    b.environment().remove("TF_CPP_MIN_LOG_LEVEL"); // the launcher's own setting is under test
    b.environment().put("TFVAE_JAVA_OPTS", "-Xmx1g");
    b.environment().putAll(env);
    Path out = stdout != null ? stdout : Files.createTempFile("launcher-", ".out");
    Path err = Files.createTempFile("launcher-", ".err");
    try {
      Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("still running after 300 s: " + cmd);
      }
      return new Run(
          p.exitValue(),
          stdout != null ? "" : new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
          new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    } finally {
      if (stdout == null) {
        Files.deleteIfExists(out);
      }
      Files.deleteIfExists(err);
    }
  }

  /** A line TensorFlow's native logging writes (its own format or absl's). */
  static final Pattern TF_LOG =
      Pattern.compile(
          "(^|\\n)(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWEF] |[IWEF]\\d{4} )");

  /** A Java exception's class, qualified or not. */
  static final Pattern EXCEPTION_CLASS =
      Pattern.compile("\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|\\w*(Exception|Error)\\b");

  /**
   * Asserts that a run failed as the project promises: a non-zero exit and one line on stderr, with
   * no Java exception class and no TensorFlow log line.
   *
   * @param r the run
   * @param what the case, for messages
   */
  static void assertOneLineError(Run r, String what) {
    String err = r.err();
    assertNotEquals(0, r.code(), what + ": exit code; stdout " + r.out() + " stderr " + err);
    assertTrue(
        err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, what + ": one line: " + err);
    assertFalse(EXCEPTION_CLASS.matcher(err).find(), what + ": an exception class: " + err);
    assertFalse(TF_LOG.matcher(err).find(), what + ": a TensorFlow log line: " + err);
  }

  /** Every file under a folder, by relative path, with its SHA-256. */
  static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), sha256(p));
      }
    }
    return out;
  }

  private static String sha256(Path p) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
