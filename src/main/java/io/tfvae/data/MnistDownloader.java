package io.tfvae.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Fetches the four MNIST files into a cache directory, trying each mirror in turn, and keeps a
 * file only when its SHA-256 matches the official value. Files are written to a temporary name
 * and renamed into place, so an interrupted download never leaves a half file under the real
 * name. Files already present are verified, not fetched again.
 */
public final class MnistDownloader {
  /** SHA-256 of the official gzip files. */
  public static final Map<String, String> SHA256 =
      Map.of(
          "train-images-idx3-ubyte.gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          "train-labels-idx1-ubyte.gz",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          "t10k-images-idx3-ubyte.gz",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          "t10k-labels-idx1-ubyte.gz",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

  /** Mirrors of the official files, tried in order. */
  public static final List<String> MIRRORS =
      List.of(
          "https://storage.googleapis.com/cvdf-datasets/mnist/",
          "https://ossci-datasets.s3.amazonaws.com/mnist/",
          "http://yann.lecun.com/exdb/mnist/");

  private final List<String> mirrors;
  private final Map<String, String> checksums;
  private final HttpClient http;

  /** A downloader over the official mirrors and checksums. */
  public MnistDownloader() {
    this(MIRRORS, SHA256);
  }

  /**
   * A downloader over other mirrors or checksums (tests use a loopback server).
   *
   * @param mirrors base URLs ending in '/'
   * @param checksums file name to lowercase hex SHA-256
   */
  public MnistDownloader(List<String> mirrors, Map<String, String> checksums) {
    this.mirrors = List.copyOf(mirrors);
    this.checksums = Map.copyOf(checksums);
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
  }

  /** The default cache: {@code $TFVAE_CACHE/mnist}, else {@code ~/.cache/tfvae/mnist}. */
  public static Path defaultCacheDir() {
    String env = System.getenv("TFVAE_CACHE");
    Path base = env != null && !env.isEmpty()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "tfvae");
    return base.resolve("mnist");
  }

  /**
   * Makes sure every file is in {@code dir} with the right checksum, downloading what is missing.
   *
   * @param dir the cache directory (created if needed)
   * @return {@code dir}
   * @throws DataException if a file cannot be fetched from any mirror or has a wrong checksum
   */
  public Path ensure(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DataException(dir + ": cannot create cache directory: " + e.getMessage(), e);
    }
    for (Map.Entry<String, String> e : checksums.entrySet()) {
      Path target = dir.resolve(e.getKey());
      if (Files.exists(target)) {
        String have = sha256(target);
        if (!have.equals(e.getValue())) {
          throw new DataException(
              target + ": checksum mismatch: expected SHA-256 " + e.getValue() + ", found " + have
                  + " (delete the file to download it again)");
        }
        continue;
      }
      download(e.getKey(), e.getValue(), target);
    }
    return dir;
  }

  private void download(String name, String expected, Path target) {
    List<String> failures = new ArrayList<>();
    Path tmp = target.resolveSibling("." + name + ".part");
    for (String mirror : mirrors) {
      String url = mirror + name;
      try {
        System.err.println("downloading " + url);
        HttpResponse<InputStream> resp =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (resp.statusCode() != 200) {
          resp.body().close();
          failures.add(url + ": HTTP " + resp.statusCode());
          continue;
        }
        String have;
        try (InputStream in = resp.body();
            DigestInputStream din = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            OutputStream out = Files.newOutputStream(tmp)) {
          din.transferTo(out);
          have = HexFormat.of().formatHex(din.getMessageDigest().digest());
        }
        if (!have.equals(expected)) {
          Files.deleteIfExists(tmp);
          failures.add(url + ": checksum mismatch: expected SHA-256 " + expected + ", found " + have);
          continue;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (IOException | NoSuchAlgorithmException ex) {
        failures.add(url + ": " + ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new DataException(name + ": download interrupted");
      } finally {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: a stale .part file is overwritten next time
        }
      }
    }
    throw new DataException(
        name + ": could not be downloaded (" + String.join("; ", failures)
            + "); on a machine without network, copy the files and pass --data-dir");
  }

  /**
   * SHA-256 of a file.
   *
   * @param file the file
   * @return lowercase hex digest
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
