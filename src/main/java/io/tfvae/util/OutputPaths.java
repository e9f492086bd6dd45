package io.tfvae.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks on where a command writes, made before its long work starts: an output is never one of the
 * command's inputs (nor a directory holding one), and its place can be written.
 */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * Refuses an output that is one of the inputs, or a directory that holds one: writing it would
   * replace what the command reads.
   *
   * @param flag the output's flag, for the message ({@code --out})
   * @param out the output path
   * @param inputs each input's name for the message ({@code --data}) and its path; null paths are
   *     skipped
   * @throws TfvaeException naming both
   */
  public static void requireNotInput(String flag, Path out, Map<String, Path> inputs) {
    Path o = canonical(out);
    for (Map.Entry<String, Path> in : inputs.entrySet()) {
      if (in.getValue() == null) {
        continue;
      }
      Path i = canonical(in.getValue());
      if (i.equals(o)) {
        throw new TfvaeException(
            flag + " " + out + ": is " + in.getKey() + "; write the output elsewhere");
      }
      if (i.startsWith(o)) {
        throw new TfvaeException(
            flag
                + " "
                + out
                + ": holds "
                + in.getKey()
                + " ("
                + in.getValue()
                + "); write the output elsewhere");
      }
    }
  }

  /**
   * Refuses an output inside a directory that belongs to an input whole (a SavedModel's {@code
   * variables/}): a file written there would replace, or sit among, what is read.
   *
   * @param flag the output's flag, for the message
   * @param out the output path
   * @param what the directory's name for the message
   * @param dir the directory
   * @throws TfvaeException naming both
   */
  public static void requireOutside(String flag, Path out, String what, Path dir) {
    if (canonical(out).startsWith(canonical(dir))) {
      throw new TfvaeException(
          flag + " " + out + ": is inside " + what + " (" + dir + "); write the output elsewhere");
    }
  }

  /**
   * Refuses an output whose place cannot be written: its nearest existing folder must be a writable
   * directory (a file that already exists must be a writable regular file, a directory a writable
   * directory). A probe file is created and removed there, so read-only mounts are found too.
   *
   * @param flag the output's flag, for the message
   * @param out the output path
   * @param directory whether the output is a directory (else a file)
   * @throws TfvaeException naming the path and why
   */
  public static void requireWritable(String flag, Path out, boolean directory) {
    Path abs = out.toAbsolutePath().normalize();
    if (Files.isDirectory(abs) != directory && Files.exists(abs)) {
      throw new TfvaeException(
          flag
              + " "
              + out
              + ": is a "
              + (directory ? "file" : "directory")
              + "; expected "
              + (directory ? "a directory" : "a file")
              + " or a new path");
    }
    Path dir = abs;
    while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new TfvaeException(flag + " " + out + ": no part of this path exists");
    }
    if (!Files.isDirectory(dir)) {
      if (dir.equals(abs) && Files.isRegularFile(dir)) {
        dir = dir.getParent();
      } else {
        throw new TfvaeException(
            flag + " " + out + ": cannot be created, " + dir + " is a file, not a directory");
      }
    }
    try {
      Path probe = Files.createTempFile(dir, ".tfvae-write-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new TfvaeException(
          flag + " " + out + ": cannot write in " + dir + " (" + Messages.reason(e) + ")");
    }
  }

  /**
   * The path as the file system resolves it: links followed as far as the path exists, the rest
   * appended, so two spellings of one place compare equal.
   */
  static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  }
}
