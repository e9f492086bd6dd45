package io.tfvae.data;

import io.tfvae.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Fetches a data set's files into a cache directory, trying each mirror in turn, and keeps a file
 * only when its SHA-256 matches the official value. Files are written to a temporary name and
 * renamed into place, so an interrupted download never leaves a half file under the real name.
 * Files already present are verified, not fetched again. {@link #mnist()} and {@link #svhn()} are
 * the data sets here, and {@link #binarizedMnist()}.
 */
public final class Downloader {
  /** SHA-256 of the official MNIST gzip files. */
  public static final Map<String, String> MNIST_SHA256 =
      Map.of(
          "train-images-idx3-ubyte.gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          "train-labels-idx1-ubyte.gz",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          "t10k-images-idx3-ubyte.gz",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          "t10k-labels-idx1-ubyte.gz",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

  /** Mirrors of the official MNIST files, tried in order. */
  public static final List<String> MNIST_MIRRORS =
      List.of(
          "https://storage.googleapis.com/cvdf-datasets/mnist/",
          "https://ossci-datasets.s3.amazonaws.com/mnist/",
          "http://yann.lecun.com/exdb/mnist/");

  /**
   * SHA-256 of the official SVHN cropped-digit files (as TensorFlow Datasets records them). The
   * three files are 182 MB, 64 MB and 1.3 GB.
   */
  public static final Map<String, String> SVHN_SHA256 =
      Map.of(
          "train_32x32.mat", "435e94d69a87fde4fd4d7f3dd208dfc32cb6ae8af2240d066de1df7508d083b8",
          "test_32x32.mat", "cdce80dfb2a2c4c6160906d0bd7c68ec5a99d7ca4831afa54f09182025b6a75b",
          "extra_32x32.mat", "a133a4beb38a00fcdda90c9489e0c04f900b660ce8a316a5e854838379a71eb3");

  /** The official location of Larochelle's binarized MNIST (Larochelle and Murray 2011). */
  public static final List<String> BINARIZED_MNIST_MIRRORS =
      List.of("http://www.cs.toronto.edu/~larocheh/public/datasets/binarized_mnist/");

  /** The official SVHN location. */
  public static final List<String> SVHN_MIRRORS =
      List.of("http://ufldl.stanford.edu/housenumbers/");

  private final List<String> mirrors;
  private final Map<String, String> checksums;
  private final String name;
  private final HttpClient http;

  /** {@return the MNIST downloader: the four IDX files from the official mirrors} */
  public static Downloader mnist() {
    return new Downloader("mnist", MNIST_MIRRORS, MNIST_SHA256);
  }

  /**
   * {@return the binarized-MNIST downloader: the three {@code .amat} text files (78 + 16 + 16 MB)}
   */
  public static Downloader binarizedMnist() {
    return new Downloader("binarized_mnist", BINARIZED_MNIST_MIRRORS, BinarizedMnist.SHA256);
  }

  /** {@return the SVHN downloader: the three cropped-digit MAT files} */
  public static Downloader svhn() {
    return new Downloader("svhn", SVHN_MIRRORS, SVHN_SHA256);
  }

  /**
   * A downloader over given mirrors and checksums (tests use a loopback server).
   *
   * @param name the data set's name, its folder in the cache
   * @param mirrors base URLs ending in '/'
   * @param checksums file name to lowercase hex SHA-256
   */
  public Downloader(String name, List<String> mirrors, Map<String, String> checksums) {
    this.name = name;
    this.mirrors = List.copyOf(mirrors);
    this.checksums = Map.copyOf(checksums);
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
  }

  /**
   * {@return this data set's cache: {@code $TFVAE_CACHE/<name>}, else {@code
   * ~/.cache/tfvae/<name>}}
   */
  public Path defaultCacheDir() {
    String env = System.getenv("TFVAE_CACHE");
    Path base =
        env != null && !env.isEmpty()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "tfvae");
    return base.resolve(name);
  }

  /**
   * Fetches what is missing into the default cache.
   *
   * @return the cache directory
   */
  public Path ensureDefault() {
    return ensure(defaultCacheDir());
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
              target
                  + ": checksum mismatch: expected SHA-256 "
                  + e.getValue()
                  + ", found "
                  + have
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
    for (String mirror : mirrors) {
      String url = mirror + name;
      try {
        System.err.println("downloading " + url);
        // Written aside and renamed into place only once its checksum is right.
        AtomicFiles.write(target, tmp -> fetchVerified(url, expected, tmp));
        return;
      } catch (RejectedDownload ex) {
        failures.add(url + ": " + ex.getMessage());
      } catch (IOException ex) {
        failures.add(url + ": " + downloadFailure(ex));
      }
    }
    throw new DataException(
        name
            + ": could not be downloaded ("
            + String.join("; ", failures)
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

  /** A mirror's answer that is not the file: an HTTP error or a checksum mismatch. */
  private static final class RejectedDownload extends IOException {
    private static final long serialVersionUID = 1L;

    RejectedDownload(String message) {
      super(message);
    }
  }

  /** Fetches a URL into a file and checks its SHA-256. */
  private void fetchVerified(String url, String expected, Path file) throws IOException {
    HttpResponse<InputStream> resp;
    try {
      resp =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new DataException(url + ": download interrupted");
    }
    if (resp.statusCode() != 200) {
      resp.body().close();
      throw new RejectedDownload("HTTP " + resp.statusCode());
    }
    String have;
    try (InputStream in = resp.body();
        DigestInputStream din = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
        OutputStream out = Files.newOutputStream(file)) {
      din.transferTo(out);
      have = HexFormat.of().formatHex(din.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every Java platform has SHA-256", ex);
    }
    if (!have.equals(expected)) {
      throw new RejectedDownload(
          "checksum mismatch: expected SHA-256 " + expected + ", found " + have);
    }
  }

  /** Why a download failed, in words: the network's exceptions often carry no message at all. */
  private static String downloadFailure(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "cannot connect";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return io.tfvae.util.Messages.reason(e);
  }
}
