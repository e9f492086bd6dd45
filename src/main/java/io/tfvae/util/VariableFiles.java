package io.tfvae.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which file of a TensorFlow variables bundle ({@code PREFIX.index}, {@code
 * PREFIX.data-00000-of-00001}) a restore error is about. TensorFlow names the bundle's prefix, or
 * nothing ("Read less bytes than requested"); a user needs the file.
 */
public final class VariableFiles {
  private VariableFiles() {}

  /**
   * The file a restore error points at.
   *
   * @param prefix the bundle's prefix, e.g. {@code model/variables/variables}
   * @param message TensorFlow's error message
   * @return the index file, the (first) data file, or the prefix when the message says neither
   */
  public static Path named(Path prefix, String message) {
    String m = message == null ? "" : message;
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    if (m.contains("sstable") || m.contains(".index") || m.contains("header entry")) {
      return index;
    }
    if (m.contains("Read less bytes")
        || m.contains("Checksum does not match")
        || m.contains("TensorBundle")
        || m.contains(".data-")) {
      return firstDataFile(prefix);
    }
    return prefix;
  }

  private static Path firstDataFile(Path prefix) {
    String stem = prefix.getFileName() + ".data-";
    Path parent = prefix.getParent() == null ? Path.of("") : prefix.getParent();
    try (Stream<Path> s = Files.list(parent.toString().isEmpty() ? Path.of(".") : parent)) {
      return s.map(p -> parent.resolve(p.getFileName().toString()))
          .filter(p -> p.getFileName().toString().startsWith(stem))
          .sorted()
          .findFirst()
          .orElse(prefix);
    } catch (IOException e) {
      return prefix;
    }
  }
}
