package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a server on the loopback address; no test touches the network. */
class DownloaderTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private static final byte[] GOOD = "the real file".getBytes();
  private static final byte[] EVIL = "a tampered file".getBytes();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good/", ex -> reply(ex, 200, GOOD));
    server.createContext("/evil/", ex -> reply(ex, 200, EVIL));
    server.createContext("/gone/", ex -> reply(ex, 404, new byte[0]));
    server.start();
  }

  private void reply(com.sun.net.httpserver.HttpExchange ex, int code, byte[] body)
      throws java.io.IOException {
    requests.incrementAndGet();
    ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/";
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void fallsBackToTheNextMirrorAndVerifiesTheChecksum() throws Exception {
    Downloader d =
        new Downloader("test", List.of(base("gone"), base("good")), Map.of("f.gz", sha(GOOD)));
    Path dir = d.ensure(tmp.resolve("cache"));
    assertArrayEquals(GOOD, Files.readAllBytes(dir.resolve("f.gz")));
    int before = requests.get();
    d.ensure(dir);
    assertEquals(before, requests.get(), "a verified file is not fetched again");
  }

  @Test
  void checksumMismatchKeepsNothingAndSaysWhy() throws Exception {
    Downloader d = new Downloader("test", List.of(base("evil")), Map.of("f.gz", sha(GOOD)));
    DataException e = assertThrows(DataException.class, () -> d.ensure(tmp.resolve("cache")));
    assertTrue(e.getMessage().startsWith("f.gz: could not be downloaded ("), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("checksum mismatch: expected SHA-256 " + sha(GOOD) + ", found " + sha(EVIL)),
        e.getMessage());
    try (var s = Files.list(tmp.resolve("cache"))) {
      assertEquals(0, s.count(), "neither the bad file nor a .part file is left");
    }
  }

  /** A mirror nobody answers on is "cannot connect", not a Java exception's class name. */
  @Test
  void anUnreachableMirrorSaysCannotConnect() throws Exception {
    Downloader d =
        new Downloader("test", List.of("http://127.0.0.1:1/"), Map.of("f.gz", sha(GOOD)));
    DataException e = assertThrows(DataException.class, () -> d.ensure(tmp.resolve("none")));
    assertTrue(e.getMessage().contains("http://127.0.0.1:1/f.gz: cannot connect"), e.getMessage());
    assertTrue(!e.getMessage().contains("java."), e.getMessage());
  }

  @Test
  void aCachedFileWithTheWrongChecksumIsReported() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cache"));
    Files.write(dir.resolve("f.gz"), EVIL);
    Downloader d = new Downloader("test", List.of(base("good")), Map.of("f.gz", sha(GOOD)));
    DataException e = assertThrows(DataException.class, () -> d.ensure(dir));
    assertEquals(
        dir.resolve("f.gz")
            + ": checksum mismatch: expected SHA-256 "
            + sha(GOOD)
            + ", found "
            + sha(EVIL)
            + " (delete the file to download it again)",
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void officialChecksumsMatchTheSharedCopyWhenPresent() {
    Path dir = io.tfvae.testing.SharedData.mnistDir();
    for (var e : Downloader.MNIST_SHA256.entrySet()) {
      assertEquals(e.getValue(), Downloader.sha256(dir.resolve(e.getKey())), e.getKey());
    }
  }
}
