package io.tfvae.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * SHA-256 digests of the files a tfvae program writes (SavedModels, checkpoints), recorded beside
 * them so that a changed or corrupt file is named before TensorFlow reads it. Formats without a
 * checksum of their own ({@code saved_model.pb}, JSON) need this most.
 */
public final class FileDigests {
  private FileDigests() {}

  /**
   * The digests of the regular files under a folder.
   *
   * @param dir the folder
   * @param include which relative paths ('/'-separated) to digest
   * @return relative path to lower-case hex SHA-256, sorted by path
   * @throws IOException if a file cannot be read
   */
  public static Map<String, String> of(Path dir, Predicate<String> include) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path p : files) {
      String rel = dir.relativize(p).toString().replace('\\', '/');
      if (include.test(rel)) {
        out.put(rel, sha256(p));
      }
    }
    return out;
  }

  /**
   * Checks files against digests recorded when they were written.
   *
   * @param dir the folder the paths are relative to, as the user named it
   * @param recorded relative path to SHA-256
   * @param writtenBy what wrote them, for the message ("exported", "checkpointed")
   * @throws TfvaeException naming the first file that is missing or differs
   */
  public static void verify(Path dir, Map<String, String> recorded, String writtenBy) {
    for (var e : recorded.entrySet()) {
      Path f = dir.resolve(e.getKey());
      if (!Files.isRegularFile(f)) {
        throw new TfvaeException(f + ": missing (it was " + writtenBy + " with the rest)");
      }
      String have;
      try {
        have = sha256(f);
      } catch (IOException ex) {
        throw new TfvaeException(f + ": cannot read: " + Messages.describe(ex));
      }
      if (!have.equals(e.getValue())) {
        throw new TfvaeException(
            f
                + ": corrupt or changed: its SHA-256 is not the one recorded when it was "
                + writtenBy);
      }
    }
  }

  /**
   * The SHA-256 of a file.
   *
   * @param file the file
   * @return lower-case hex
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The SHA-256 of a string's UTF-8 bytes.
   *
   * @param text the text
   * @return lower-case hex
   */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
