package io.tfvae.export;

import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an export may go. An export replaces only what an earlier export wrote: a missing path, an
 * empty directory, or a directory holding a SavedModel of this framework (its manifest) and nothing
 * else. Anything else at the target (the user's notes, data, a checkpoint directory, a file) is
 * refused before any work starts, unless the caller says to replace it anyway.
 */
public final class ExportTarget {
  /** The files an export writes, relative to its directory ('/' separated). */
  private static final Pattern EXPORT_FILE =
      Pattern.compile(
          "saved_model\\.pb|variables/variables\\.(index|data-\\d+-of-\\d+)|"
              + Pattern.quote(Manifest.PATH));

  /** The directories an export writes. */
  private static final Pattern EXPORT_DIR = Pattern.compile("variables|assets|assets\\.extra");

  private ExportTarget() {}

  /**
   * Refuses a target that holds anything an export did not write.
   *
   * @param dir the export directory
   * @throws TfvaeException naming the path and what is there
   */
  public static void requireReplaceable(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw refusal(dir, "is a file, not a directory");
    }
    String foreign = firstForeignEntry(dir);
    if (foreign != null) {
      throw refusal(dir, "holds " + foreign + ", which no export writes");
    }
    if (!isEmpty(dir) && !hasOurManifest(dir)) {
      throw refusal(dir, "holds a SavedModel without a tfvae manifest (" + Manifest.PATH + ")");
    }
  }

  private static TfvaeException refusal(Path dir, String what) {
    return new TfvaeException(
        dir
            + ": "
            + what
            + "; an export replaces only an earlier export: choose another directory"
            + " (or --force to replace it)");
  }

  /** The first entry, in name order, that an export does not write; null if there is none. */
  private static String firstForeignEntry(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir))
          .map(
              p -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                boolean ok =
                    Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? EXPORT_DIR.matcher(rel).matches()
                        : Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && EXPORT_FILE.matcher(rel).matches();
                return ok ? null : rel;
              })
          .filter(r -> r != null)
          .sorted()
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** Whether the manifest is one this framework writes: a JSON object with its format number. */
  private static boolean hasOurManifest(Path dir) {
    try {
      String text = Files.readString(dir.resolve(Manifest.PATH), StandardCharsets.UTF_8);
      var o = com.google.gson.JsonParser.parseString(text).getAsJsonObject();
      return o.has("format") && o.has("model_kind");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
