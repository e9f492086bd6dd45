package io.tfvae.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written file or directory under its real name: the content is
 * written to a temporary sibling and renamed into place, so a crash leaves the old version or the
 * new one. What the user made is replaced only by something complete.
 */
public final class AtomicFiles {
  /** What writes the content of a temporary file. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param tmp the temporary file to fill
     * @throws IOException if writing fails
     */
    void write(Path tmp) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes a file atomically: a temporary sibling, filled by the writer, renamed over the target.
   *
   * @param target the file
   * @param writer fills the temporary file
   * @throws IOException if writing or renaming fails (the temporary file is removed)
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      writer.write(tmp);
      shareable(tmp);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes text atomically.
   *
   * @param target the file
   * @param text its content (UTF-8)
   * @throws IOException if writing fails
   */
  public static void writeString(Path target, String text) throws IOException {
    write(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Moves a complete directory into place. An existing target is first moved aside under a
   * temporary name, then removed once the new one is in place.
   *
   * @param complete the finished directory (a sibling of the target)
   * @param target where it belongs
   * @throws IOException if a move fails
   */
  public static void replaceDirectory(Path complete, Path target) throws IOException {
    try (Stream<Path> s = Files.walk(complete)) {
      for (Path p : s.toList()) {
        shareable(p);
      }
    }
    if (!Files.exists(target)) {
      Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /**
   * Gives a temporary file or directory the permissions of an ordinary one (rw-r--r--, rwxr-xr-x):
   * Java creates temporaries readable by their owner alone, and a SavedModel must be readable by
   * whoever serves it. A file system without POSIX permissions is left as it is.
   */
  private static void shareable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(
          p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its defaults stand.
    }
  }

  /**
   * Deletes a directory tree (files first).
   *
   * @param dir the tree's root; nothing happens if it does not exist
   * @throws IOException if a file cannot be deleted
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
