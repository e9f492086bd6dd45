package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool's small domain helpers, each on inputs whose answer is known by hand. */
class HelpersTest {
  @TempDir Path tmp;

  @Test
  void argmaxTakesEachRowsLargestAndTheFirstOfATie() {
    float[] p = {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0f, 0f, 0f, 1f};
    assertArrayEquals(new int[] {1, 0, 2}, Accuracy.argmax(p, 3, 3));
  }

  @Test
  void pngGridPlacesTileKAtRowKOverColsWithAOnePixelBorder() throws Exception {
    // Two 28x28 gray images in a 1 x 2 grid: image 0 all white, image 1 black but pixel (0, 0).
    float[] pixels = new float[2 * 784];
    java.util.Arrays.fill(pixels, 0, 784, 1f);
    pixels[784] = 0.5f;
    Path out = tmp.resolve("g.png");
    PngGrid.write(pixels, 2, new Picture(28, 28, 1, 1), 1, 2, out);
    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(2 * 29 + 1, img.getWidth());
    assertEquals(29 + 1, img.getHeight());
    assertEquals(0x000000, img.getRGB(0, 0) & 0xffffff, "border");
    assertEquals(0xffffff, img.getRGB(1, 1) & 0xffffff, "image 0");
    assertEquals(0x808080, img.getRGB(30, 1) & 0xffffff, "image 1, pixel (0, 0) = 0.5 -> 128");
    assertEquals(0x000000, img.getRGB(31, 1) & 0xffffff, "image 1, pixel (0, 1)");
    try (var s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary file left");
    }
  }

  /**
   * A picture that is not square and not grey, drawn from the manifest's image_shape at twice the
   * size; a shape that is not a picture is one line.
   */
  @Test
  void picturesOfAnyShapeAreDrawnFromTheManifestAndScaled() throws Exception {
    JsonObject manifest = JsonParser.parseString("{\"image_shape\": [2, 3, 3]}").getAsJsonObject();
    Picture p = Picture.of(tmp, manifest, 18, 2);
    assertEquals(new Picture(2, 3, 3, 2), p);
    float[] pixels = new float[18];
    pixels[3 * 3 + 0] = 1f; // row 1, column 0, red
    Path out = tmp.resolve("rgb.png");
    PngGrid.write(pixels, 1, p, 1, 1, out);
    BufferedImage img = ImageIO.read(out.toFile());
    assertEquals(3 * 2 + 2, img.getWidth());
    assertEquals(2 * 2 + 2, img.getHeight());
    assertEquals(0xff0000, img.getRGB(1, 3) & 0xffffff, "row 1 starts at y = 1 + 2");
    assertEquals(0xff0000, img.getRGB(2, 4) & 0xffffff, "drawn 2 x 2");
    assertEquals(0x000000, img.getRGB(1, 1) & 0xffffff);
    ToolException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ToolException.class,
            () ->
                Picture.of(
                    tmp,
                    JsonParser.parseString("{\"image_shape\": [2, 3, 2]}").getAsJsonObject(),
                    12,
                    1));
    assertEquals(
        tmp
            + ": image_shape [2,3,2] in the manifest is not a picture of these 12 values with 1 or 3 channels",
        e.getMessage());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ToolException.class, () -> Picture.of(tmp, new JsonObject(), 10, 1));
    assertEquals(
        tmp
            + ": its 10 values per example are not a picture (no image_shape in the manifest, and not"
            + " a square grey or RGB image)",
        e.getMessage());
  }

  @Test
  void recordingFiguresKeepsTheRestOfTheManifest() throws Exception {
    Path m = tmp.resolve(Contract.MANIFEST);
    Files.createDirectories(m.getParent());
    Files.writeString(m, "{\"name\": \"vae\", \"figures\": {\"nelbo\": 1}}");
    JsonObject figures = new JsonObject();
    figures.addProperty("nelbo", 99.5);
    ManifestRecorder.record(tmp, figures);
    JsonObject got =
        JsonParser.parseString(Files.readString(m, StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals("vae", got.get("name").getAsString());
    assertEquals(99.5, got.getAsJsonObject("figures").get("nelbo").getAsDouble());
    try (var s = Files.list(m.getParent())) {
      assertEquals(1, s.count(), "no temporary file left");
    }
  }

  /** sd(a_i − b_i)/√n by hand: differences 1, 2, 3, 6 have mean 3, sample variance 14/3. */
  @Test
  void pairedDifferenceHasTheErrorOfTheDifferences() {
    Stat a = new Stat();
    Stat b = new Stat();
    double[] av = {10, 20, 30, 46};
    double[] bv = {9, 18, 27, 40};
    for (int i = 0; i < 4; i++) {
      a.add(av[i]);
      b.add(bv[i]);
    }
    Stat d = Stat.difference(a, b);
    assertEquals(3.0, d.mean(), 1e-12);
    assertEquals(Math.sqrt(14.0 / 3 / 4), d.standardError(), 1e-12);
    // Unpaired, the same two columns would give a far larger error.
    assertTrue(Math.hypot(a.standardError(), b.standardError()) > 5 * d.standardError());
  }

  @Test
  void theReportCarriesEveryMeanWithItsStandardError() {
    Stat a = new Stat();
    Stat b = new Stat();
    Stat c = new Stat();
    Stat i = new Stat();
    for (double v : new double[] {1, 3}) {
      a.add(v);
      b.add(v / 2);
      c.add(v * 2);
      i.add(v + 1);
    }
    var r = new Evaluator.Report(a, b, c, Map.of(10, i), 2);
    JsonObject o = ResultsReport.json(r, 4, 5, 1.26);
    assertEquals(2.0, o.get("nelbo").getAsDouble());
    assertEquals(1.0, o.get("kl").getAsDouble());
    assertEquals(4.0, o.get("rec").getAsDouble());
    assertEquals(3.0, o.getAsJsonObject("niwae").get("10").getAsDouble());
    // Standard error of {1, 3}: sample sd sqrt(2) over sqrt(2) = 1.
    assertEquals(
        a.standardError(), o.getAsJsonObject("standard_errors").get("nelbo").getAsDouble());
    assertEquals(1.0, a.standardError(), 1e-12);
    assertEquals(2, o.get("examples").getAsLong());
    assertEquals(1.3, o.get("seconds").getAsDouble());
    StringWriter w = new StringWriter();
    ResultsReport.table(new PrintWriter(w, true), "m", "test examples", r, 4, 5, 1.26);
    String table = w.toString();
    assertTrue(table.startsWith("m: 2 test examples, binarize seed 5, noise seed 4, 1.3 s"), table);
    assertTrue(table.contains(String.format("%-12s %10.2f %8.2f", "NELBO", 2.0, 1.0)), table);
    assertTrue(table.contains(String.format("%-12s %10.2f %8.2f", "-IWAE-10", 3.0, 1.0)), table);
  }

  @Test
  void aCategoricalTraversalSwitchesOneVariableAtATimeFromTheMode() {
    // N = 2 variables of K = 3 classes; the modes are classes 2 and 0.
    float[] p = {0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f};
    float[] codes = LatentTraversal.categorical(p, 2, 3);
    assertEquals(2 * 3 * 6, codes.length);
    // Row 0 (variable 0) column 1: variable 0 is class 1, variable 1 keeps its mode, class 0.
    assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, java.util.Arrays.copyOfRange(codes, 6, 12));
    // Row 1 (variable 1) column 2: variable 0 keeps class 2, variable 1 is class 2.
    assertArrayEquals(
        new float[] {0, 0, 1, 0, 0, 1}, java.util.Arrays.copyOfRange(codes, 5 * 6, 6 * 6));
  }

  @Test
  void aContinuousTraversalSweepsOneDimensionOverThePriorsQuantiles() {
    // Prior samples of 2 dimensions: dimension 0 takes 0..99, dimension 1 takes 100..199.
    int s = 100;
    float[] samples = new float[s * 2];
    for (int i = 0; i < s; i++) {
      samples[i * 2] = 99 - i;
      samples[i * 2 + 1] = 100 + i;
    }
    float[] codes = LatentTraversal.continuous(new float[] {0.5f, -0.5f}, samples, s, 4);
    // Quantiles at (j + 0.5) / 4 of 100 sorted values: indices 12, 37, 62, 87.
    assertArrayEquals(
        new float[] {
          12, -0.5f, 37, -0.5f, 62, -0.5f, 87, -0.5f, 0.5f, 112, 0.5f, 137, 0.5f, 162, 0.5f, 187
        },
        codes);
  }

  /**
   * In a log, progress stays silent for the run's first minute (a short eval writes nothing) and
   * then passes each rendered bar on as one line; the bar's last rendering on close says 100%.
   */
  @Test
  void aLogGetsProgressLinesOnlyOnceTheRunHasLastedAMinute() {
    long[] now = {1_000};
    List<String> lines = new ArrayList<>();
    ProgressBars.LogLines log = new ProgressBars.LogLines(lines::add, () -> now[0], 60_000);
    log.accept("eval   0%\r");
    now[0] += 59_999;
    log.accept("eval  10%\r");
    assertEquals(List.of(), lines, "silent during the first minute");
    now[0] += 1;
    log.accept("eval  11% \r");
    assertEquals(List.of("eval  11%"), lines, "one line, without the redraw's carriage return");
    log.accept("eval  11%"); // a bar's close renders its last state again
    log.accept("eval 100%");
    log.accept("eval 100%\r");
    assertEquals(List.of("eval  11%", "eval 100%"), lines, "each state once");

    List<String> rendered = new ArrayList<>();
    ProgressBars.LogLines always = new ProgressBars.LogLines(rendered::add, () -> 0L, 0);
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("eval")
            .setInitialMax(40)
            .setConsumer(new DelegatingProgressBarConsumer(always, 120))
            .setUpdateIntervalMillis(3_600_000)
            .build()) {
      bar.stepBy(40);
    }
    assertTrue(rendered.get(rendered.size() - 1).contains("100%"), rendered.toString());
  }
}
