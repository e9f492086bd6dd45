package io.tfvae.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data sets named by $TFVAE_DATA_DIR (.ci/run points it at ../shared/data). A relative
 * path is taken from the repository root, not the module's directory.
 */
public final class SharedData {
  private SharedData() {}

  /** $TFVAE_DATA_DIR/mnist, or null when the variable is unset. */
  public static Path mnistDirOrNull() {
    return dirOrNull("mnist");
  }

  /** $TFVAE_DATA_DIR/binarized_mnist, or null when the variable is unset. */
  public static Path binarizedMnistDirOrNull() {
    return dirOrNull("binarized_mnist");
  }

  /** $TFVAE_DATA_DIR/NAME, or null when the variable is unset. */
  private static Path dirOrNull(String name) {
    String env = System.getenv("TFVAE_DATA_DIR");
    if (env == null || env.isEmpty()) {
      return null;
    }
    Path p = Path.of(env);
    String root = System.getProperty("tfvae.root");
    if (!p.isAbsolute() && root != null) {
      p = Path.of(root).resolve(p);
    }
    return p.resolve(name).normalize();
  }

  /**
   * The real MNIST directory: the test is skipped when it is unset outside CI, and fails under
   * CI=true.
   */
  public static Path mnistDir() {
    return required("mnist");
  }

  /** The real binarized-MNIST directory, required as {@link #mnistDir()} is. */
  public static Path binarizedMnistDir() {
    return required("binarized_mnist");
  }

  private static Path required(String name) {
    Path dir = dirOrNull(name);
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(
          dir != null && Files.isDirectory(dir),
          "CI=true needs $TFVAE_DATA_DIR/" + name + ", got " + System.getenv("TFVAE_DATA_DIR"));
    }
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "TFVAE_DATA_DIR not set");
    return dir;
  }
}
