package io.tfvae.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's {@code main} in a new JVM on this test's class path: how tests reach a fresh process (a
 * reload that shares nothing with the trainer, a child to kill, a cluster task).
 */
public final class FreshJvm {
  private FreshJvm() {}

  /**
   * The command, with TensorFlow's native log limited to errors.
   *
   * @param main the class whose main method runs
   * @param args its arguments
   * @return a process builder to redirect and start
   */
  public static ProcessBuilder command(Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return b;
  }
}
