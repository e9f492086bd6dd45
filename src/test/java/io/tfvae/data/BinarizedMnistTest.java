package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinarizedMnistTest {
  @TempDir Path tmp;

  /** Line i: pixel j is 1 where (i + j) % 7 == 0. */
  private static String line(int i) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 784; j++) {
      sb.append(j == 0 ? "" : " ").append((i + j) % 7 == 0 ? '1' : '0');
    }
    return sb.append('\n').toString();
  }

  private Path write(String name, String text, boolean gzip) throws IOException {
    Path f = tmp.resolve(name);
    try (OutputStream o =
        gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
      o.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return f;
  }

  @Test
  void readsRawAndGzipFilesAsTheyAreWithNoLabels() throws IOException {
    String text = line(0) + line(1) + line(2);
    for (boolean gz : new boolean[] {false, true}) {
      ImageSet s = BinarizedMnist.read(write("a.amat" + (gz ? ".gz" : ""), text, gz), 3, null);
      assertEquals(3, s.count());
      assertEquals(784, s.dim());
      assertFalse(s.hasLabels());
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 784; j++) {
          assertEquals(
              (i + j) % 7 == 0 ? (byte) 255 : 0,
              s.pixels()[i * 784 + j],
              "image " + i + " pixel " + j);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "short | line 2: expected 784 values, found 783",
        "long | line 2: expected 784 values, found more",
        "value | line 2, value 5: expected 0 or 1, found '2'",
        "separator | line 2, after value 1: expected a space, found ','",
        "lines | holds 2 lines, expected 3",
        "more | holds more than 3 lines, expected 3",
      })
  void badFilesAreOneLineErrorsNamingTheFileAndLine(String kind, String message)
      throws IOException {
    String second = line(1);
    switch (kind) {
      case "short" -> second = second.substring(2);
      case "long" -> second = second.replace("\n", " 0\n");
      case "value" -> second = second.substring(0, 8) + "2" + second.substring(9);
      case "separator" -> second = second.charAt(0) + "," + second.substring(2);
      default -> {}
    }
    String text =
        kind.equals("lines")
            ? line(0) + second
            : line(0) + second + line(2) + (kind.equals("more") ? line(3) : "");
    Path f = write("bad.amat", text, false);
    DataException e = assertThrows(DataException.class, () -> BinarizedMnist.read(f, 3, null));
    assertEquals(f + ": " + message, e.getMessage());
  }

  @Test
  void aChecksumMismatchNamesBothSums() throws IOException {
    Path f = write("c.amat.gz", line(0), true);
    DataException e = assertThrows(DataException.class, () -> BinarizedMnist.read(f, 1, "00ff"));
    String have = Downloader.sha256(write("c.amat", line(0), false));
    assertEquals(
        f
            + ": checksum mismatch: expected SHA-256 00ff (of the uncompressed file), found "
            + have
            + " (delete the file to download it again)",
        e.getMessage());
  }

  @Test
  void aMissingDirectoryOrFileIsNamed() {
    assertEquals(
        tmp.resolve("no")
            + ": data directory does not exist (give --data-dir the folder holding the binarized"
            + " MNIST .amat files, or leave it out to download)",
        assertThrows(DataException.class, () -> BinarizedMnist.test(tmp.resolve("no")))
            .getMessage());
    assertEquals(
        tmp + ": missing binarized_mnist_test.amat.gz (or binarized_mnist_test.amat)",
        assertThrows(DataException.class, () -> BinarizedMnist.test(tmp)).getMessage());
  }

  @Test
  void theRealTestSplitHasTheOfficialChecksumAndTenThousandImages() {
    assertEquals(
        10_000,
        Datasets.named("binarized_mnist").validation(SharedData.binarizedMnistDir()).count());
    ImageSet test = Datasets.named("binarized_mnist").test(SharedData.binarizedMnistDir());
    assertEquals(10_000, test.count());
    long ones = 0;
    for (byte b : test.pixels()) {
      ones += b != 0 ? 1 : 0;
    }
    // Larochelle's binarization turns on about 13% of the pixels.
    double fraction = (double) ones / test.pixels().length;
    assertEquals(0.13, fraction, 0.02, "fraction of pixels on");
  }
}
