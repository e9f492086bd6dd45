package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The generated dSprites grid: its order, its checksum, and the geometry each factor controls. */
class DspritesTest {
  private static final int[] SIZES = Dsprites.factorSizes();
  private static final java.lang.invoke.VarHandle EIGHT =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  @Test
  void everyIndexRoundTripsThroughItsFactors() {
    ImageSet all = Dsprites.all();
    Factors f = all.factors();
    assertEquals(Dsprites.COUNT, all.count());
    assertEquals(Dsprites.COUNT, f.count());
    assertEquals(3 * 6 * 40 * 32 * 32, Dsprites.COUNT);
    int[] v = new int[5];
    for (int i = 0; i < Dsprites.COUNT; i++) {
      for (int k = 0; k < 5; k++) {
        v[k] = f.factor(i, k);
        assertTrue(v[k] >= 0 && v[k] < SIZES[k]);
      }
      assertEquals(i, Factors.gridIndex(SIZES, v));
    }
    // Row-major with position y fastest: index 1 is y = 1, index 32 is x = 1, the last is all max.
    assertArrayEquals(new int[] {0, 0, 0, 0, 1}, factorsOf(f, 1));
    assertArrayEquals(new int[] {0, 0, 0, 1, 0}, factorsOf(f, 32));
    assertArrayEquals(new int[] {0, 0, 1, 0, 0}, factorsOf(f, 1024));
    assertArrayEquals(new int[] {0, 1, 0, 0, 0}, factorsOf(f, 40 * 1024));
    assertArrayEquals(new int[] {1, 0, 0, 0, 0}, factorsOf(f, 6 * 40 * 1024));
    assertArrayEquals(new int[] {2, 5, 39, 31, 31}, factorsOf(f, Dsprites.COUNT - 1));
  }

  @Test
  void aSeededSampleKeepsEachImageWithItsFactors() {
    ImageSet s = Dsprites.sample(1000, 7);
    assertEquals(1000, s.count());
    assertTrue(s.hasFactors());
    assertEquals(Dsprites.FACTOR_NAMES, s.factors().names());
    byte[] a = new byte[Dsprites.IMAGE_DIM];
    byte[] pixels = s.pixels();
    for (int i = 0; i < s.count(); i += 97) {
      int[] v = factorsOf(s.factors(), i);
      Dsprites.render(Factors.gridIndex(SIZES, v), a, 0);
      for (int j = 0; j < a.length; j++) {
        assertEquals(a[j] * 255, pixels[i * a.length + j] & 0xff, "example " + i);
      }
    }
    assertArrayEquals(s.pixels(), Dsprites.sample(1000, 7).pixels(), "the same seed, the same set");
    assertFalse(
        java.util.Arrays.equals(s.pixels(), Dsprites.sample(1000, 8).pixels()),
        "another seed, another set");
  }

  /**
   * The picture in the README ({@code src/docs/dsprites.png}) is what the renderer draws: one row a
   * shape; columns the six scales (centred, orientation 0), orientations 0, 5, 10, 15 and 20 at
   * scale 1, then positions (0, 0) and (31, 31). Run with {@code -Dtfvae.docs.write=true} to redraw
   * it.
   */
  @Test
  void theReadmePictureIsWhatTheRendererDraws() throws Exception {
    int cols = 13;
    float[] x = new float[3 * cols * Dsprites.IMAGE_DIM];
    byte[] image = new byte[Dsprites.IMAGE_DIM];
    int n = 0;
    for (int shape = 0; shape < 3; shape++) {
      java.util.List<int[]> row = new java.util.ArrayList<>();
      for (int sc = 0; sc < 6; sc++) {
        row.add(new int[] {shape, sc, 0, 16, 16});
      }
      for (int o = 0; o <= 20; o += 5) {
        row.add(new int[] {shape, 5, o, 16, 16});
      }
      row.add(new int[] {shape, 5, 0, 0, 0});
      row.add(new int[] {shape, 5, 0, 31, 31});
      for (int[] v : row) {
        Dsprites.render(Factors.gridIndex(SIZES, v), image, 0);
        for (int j = 0; j < image.length; j++) {
          x[n * image.length + j] = image[j];
        }
        n++;
      }
    }
    io.tfvae.util.ImageGrid grid =
        io.tfvae.util.ImageGrid.tile(x, n, Dsprites.SIDE, Dsprites.SIDE, 1, 3, cols, 2, 1);
    java.awt.image.BufferedImage drawn =
        new java.awt.image.BufferedImage(
            grid.width(), grid.height(), java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    drawn.getRaster().setDataElements(0, 0, grid.width(), grid.height(), grid.values());
    java.nio.file.Path png = java.nio.file.Path.of("docs", "dsprites.png");
    if (Boolean.getBoolean("tfvae.docs.write")) {
      java.nio.file.Files.createDirectories(png.getParent());
      javax.imageio.ImageIO.write(drawn, "png", png.toFile());
    }
    java.awt.image.BufferedImage committed = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(grid.width(), committed.getWidth());
    assertEquals(grid.height(), committed.getHeight());
    for (int r = 0; r < grid.height(); r++) {
      for (int c = 0; c < grid.width(); c++) {
        assertEquals(
            drawn.getRGB(c, r), committed.getRGB(c, r), "pixel (" + r + ", " + c + ") of " + png);
      }
    }
  }

  @Test
  void noSpriteIsCutByTheCanvasEdge() {
    // At the corners a sprite covers as many pixels as in the middle, up to rasterisation: nothing
    // is cut off. The bound is loose; a cut sprite at a corner loses a quarter or more of itself.
    for (int shape = 0; shape < 3; shape++) {
      for (int o = 0; o < 40; o++) {
        int middle = area(shape, 5, o, 16, 16);
        for (int[] corner : new int[][] {{0, 0}, {0, 31}, {31, 0}, {31, 31}}) {
          int a = area(shape, 5, o, corner[0], corner[1]);
          assertTrue(
              Math.abs(a - middle) <= 0.06 * middle,
              "shape " + shape + " orientation " + o + " at " + corner[0] + "," + corner[1]);
        }
      }
    }
  }

  @Test
  void scaleGrowsEveryShape() {
    for (int shape = 0; shape < 3; shape++) {
      for (int o = 0; o < 40; o += 3) {
        for (int x = 0; x < 32; x += 31) {
          int before = 0;
          for (int sc = 0; sc < 6; sc++) {
            int a = area(shape, sc, o, x, 7);
            assertTrue(a > before, "shape " + shape + " scale " + sc + " orientation " + o);
            before = a;
          }
        }
      }
    }
  }

  @Test
  void positionXMovesTheSpriteRightAndPositionYDown() {
    for (int shape = 0; shape < 3; shape++) {
      for (int o = 0; o < 40; o += 7) {
        double[] before = centroid(shape, 0, o, 0, 0);
        for (int p = 1; p < 32; p++) {
          double[] right = centroid(shape, 0, o, p, 0);
          double[] down = centroid(shape, 0, o, 0, p);
          assertTrue(right[1] > centroid(shape, 0, o, p - 1, 0)[1], "x " + p);
          // Sub-pixel shifts change a turned sprite's rasterisation a little, never by half a
          // pixel.
          assertEquals(before[0], right[0], 0.5, "x leaves the rows alone");
          assertTrue(down[0] > centroid(shape, 0, o, 0, p - 1)[0], "y " + p);
          assertEquals(before[1], down[1], 0.5, "y leaves the columns alone");
        }
      }
    }
  }

  @Test
  void turningKeepsTheAreaOfTheShapeUpToRasterisation() {
    // Exact areas at scale s with reach r = 12.5 s (the bounding radius): the square's side is
    // r√2, so 2r²; the ellipse's semi-axes r and r/2, so πr²/2; the heart's square has
    // half-diagonal d = r / reach1 (reach1 its bounding radius at d = 1), side a = d√2, and two
    // half-discs of diameter a stick out of it: a² (1 + π/4).
    double shift = (1 / Math.sqrt(2) - 0.5) / 2;
    double reach1 = Math.sqrt(0.25 + (0.5 - shift) * (0.5 - shift)) + 1 / Math.sqrt(2);
    for (int sc = 0; sc < 6; sc++) {
      double r = 12.5 * Dsprites.scale(sc);
      double a = Math.sqrt(2) * r / reach1;
      double[] exact = {2 * r * r, Math.PI * r * r / 2, a * a * (1 + Math.PI / 4)};
      for (int shape = 0; shape < 3; shape++) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int o = 0; o < 40; o++) {
          int area = area(shape, sc, o, 11, 20);
          min = Math.min(min, area);
          max = Math.max(max, area);
        }
        // Counting pixel centres errs by at most about half the perimeter (an axis-aligned n × n
        // square can take (n + 1)² pixels), and each perimeter is below the bounding circle's 2πr.
        // The spread as it turns is observed at most 10% (59..64 pixels, the ellipse at scale 0.5).
        String at = "shape " + shape + " scale " + sc + ": " + min + ".." + max;
        assertTrue(max - min <= 0.12 * exact[shape], at + " pixels as it turns");
        assertTrue(Math.abs(min - exact[shape]) <= Math.PI * r + 1, at + ", " + exact[shape]);
        assertTrue(Math.abs(max - exact[shape]) <= Math.PI * r + 1, at + ", " + exact[shape]);
      }
    }
  }

  @Test
  void theSquareLooksTheSameAQuarterTurnOnAndEveryShapeAFullTurnOn() {
    byte[] a = new byte[Dsprites.IMAGE_DIM];
    byte[] b = new byte[Dsprites.IMAGE_DIM];
    for (int sc = 0; sc < 6; sc++) {
      for (int x = 0; x < 32; x += 5) {
        double s = Dsprites.scale(sc);
        double p = Dsprites.position(x);
        double q = Dsprites.position(31 - x);
        Dsprites.render(0, s, 0, p, q, a, 0);
        Dsprites.render(0, s, StrictMath.PI / 2, p, q, b, 0);
        assertArrayEquals(a, b, "scale " + sc + " x " + x);
        for (int shape = 0; shape < 3; shape++) {
          // The published grid's orientations run 0..2π with both ends: 0 and 39 are one picture.
          Dsprites.render(Factors.gridIndex(SIZES, shape, sc, 0, x, 31 - x), a, 0);
          Dsprites.render(Factors.gridIndex(SIZES, shape, sc, 39, x, 31 - x), b, 0);
          assertArrayEquals(a, b, "shape " + shape + " scale " + sc + " x " + x);
        }
      }
    }
  }

  private static int area(int shape, int scale, int orientation, int x, int y) {
    byte[] image = new byte[Dsprites.IMAGE_DIM];
    Dsprites.render(Factors.gridIndex(SIZES, shape, scale, orientation, x, y), image, 0);
    int on = 0;
    for (byte v : image) {
      on += v;
    }
    return on;
  }

  /** {@return the mean row and column of the foreground} */
  private static double[] centroid(int shape, int scale, int orientation, int x, int y) {
    byte[] image = new byte[Dsprites.IMAGE_DIM];
    Dsprites.render(Factors.gridIndex(SIZES, shape, scale, orientation, x, y), image, 0);
    double r = 0;
    double c = 0;
    int on = 0;
    for (int i = 0; i < image.length; i++) {
      if (image[i] == 1) {
        r += i / Dsprites.SIDE;
        c += i % Dsprites.SIDE;
        on++;
      }
    }
    return new double[] {r / on, c / on};
  }

  private static int[] factorsOf(Factors f, int i) {
    int[] v = new int[f.width()];
    for (int k = 0; k < v.length; k++) {
      v[k] = f.factor(i, k);
    }
    return v;
  }

  /**
   * The whole grid, all 737,280 images streamed through SHA-256 (3.6 to 9 s on one shared core),
   * and a spread subset of it (every 181st image, 4,074 of them, 0.03 s), whose checksum names the
   * failure faster when only part of the grid changed.
   */
  @Test
  void theGridHasItsChecksum() throws Exception {
    assertEquals(
        "9c3df6420e65629293c750c576e5d277b279fc7aea9494c33f7f4b15d3e1fb21",
        sha256(0, Dsprites.COUNT, 181));
    assertEquals(
        "0ce346cb97c120a98b9f7e21b1a008bd1f1df36977db1eb3f9046f40ed09eb63",
        sha256(0, Dsprites.COUNT, 1));
  }

  /**
   * SHA-256 over images from, from + step, ... below to, each packed 8 pixels a byte, most
   * significant bit first (numpy.packbits over a row of 64): 512 bytes an image.
   */
  static String sha256(int from, int to, int step) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] image = new byte[Dsprites.IMAGE_DIM];
    byte[] packed = new byte[Dsprites.IMAGE_DIM / 8];
    for (int i = from; i < to; i += step) {
      Dsprites.render(i, image, 0);
      for (int b = 0; b < packed.length; b++) {
        int v = 0;
        if ((long) EIGHT.get(image, b * 8) != 0) { // most of an image is background
          for (int j = 0; j < 8; j++) {
            v = (v << 1) | image[b * 8 + j];
          }
        }
        packed[b] = (byte) v;
      }
      md.update(packed);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
