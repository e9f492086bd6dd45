package io.tfvae.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * dSprites (Matthey, Higgins, Hassabis and Lerchner 2017), generated here rather than downloaded:
 * 64 × 64 binary images of one white sprite on black, every combination of the factor grid that
 * google-research/disentanglement_lib uses ({@code data/ground_truth/dsprites.py}, factor sizes [1,
 * 3, 6, 40, 32, 32]) exactly once, 737,280 images, in the published file's order: row-major over
 * (shape, scale, orientation, position x, position y), position y varying fastest.
 *
 * <ul>
 *   <li>shape: square, ellipse, heart (0, 1, 2)
 *   <li>scale: 6 values linearly spaced in [0.5, 1]
 *   <li>orientation: 40 values linearly spaced in [0, 2π], both ends included as in the published
 *       {@code latents_values} (so orientations 0 and 39 give the same picture, here bit for bit)
 *   <li>position x, position y: 32 values each, linearly spaced in [0, 1]
 * </ul>
 *
 * The constant colour factor (one value) is left out of {@link #FACTOR_NAMES}: disentanglement_lib
 * keeps it in its grid but its {@code dsprites_full} set gives the metrics {@code
 * latent_factor_indices} [1, 2, 3, 4, 5], the five that vary.
 *
 * <p>Geometry (ours, chosen to resemble the published sprites; pixel agreement with the published
 * file is not claimed, because its sprites were rasterised by another renderer): image coordinates
 * run right and down, pixel (row r, column c) has its centre at (c + ½, r + ½) and is 1 when that
 * centre lies inside the sprite (boundary included). The sprite's centre is at {@code 12.5 + 39 ·
 * position} pixels, so x moves it right and y moves it down; every shape fits a circle of radius
 * {@code 12.5 · scale} around its centre, so no sprite is cut by the edge. At scale s the square
 * has side {@code 12.5√2 · s}, the ellipse semi-axes {@code 12.5 s} (along the sprite's own x axis)
 * and {@code 6.25 s}, the heart is a square of side a standing on a corner with two discs of
 * diameter a on its upper sides, scaled to the same radius. Orientation θ turns the sprite
 * counter-clockwise as displayed. The sizes make the mean foreground fraction 0.042 (third-party
 * loaders normalise the published file with 0.043); whether the published centres span the same
 * range was not measured.
 *
 * <p>Each image is a pure function of its index computed in double arithmetic with {@link
 * StrictMath} (Java's floating point is strict since 17), so the bytes are the same on every
 * machine; nothing is stored: a row is drawn when a batch asks for it.
 */
public final class Dsprites {
  /** Pixels across and down. */
  public static final int SIDE = 64;

  /** Values per image. */
  public static final int IMAGE_DIM = SIDE * SIDE;

  /** Images in the whole grid. */
  public static final int COUNT = 737_280;

  /** Images of the test split, a seeded draw from the grid ({@link #test}). */
  public static final int TEST_COUNT = 10_000;

  /** Seed of the test split's draw. */
  public static final long TEST_SEED = 0;

  /** The five factors that vary, in the grid's order. */
  public static final List<String> FACTOR_NAMES =
      List.of("shape", "scale", "orientation", "position_x", "position_y");

  private static final int[] SIZES = {3, 6, 40, 32, 32};

  /** Bounding radius of a sprite at scale 1, in pixels. */
  private static final double RADIUS = 12.5;

  /** Where position 0 puts the centre, and how far position 1 moves it. */
  private static final double MARGIN = RADIUS;

  private static final double TRAVEL = SIDE - 2 * MARGIN;

  // The heart in units of its square's half-diagonal d: the square's corners at (0, −1), (±1, 0),
  // (0, 1), discs of radius 1/√2 at (±½, ½); its box runs from y = −1 to ½ + 1/√2, and the
  // sprite's centre is the box's middle. Its farthest point from there lies on a disc.
  private static final double HEART_DISC = 1 / StrictMath.sqrt(2);
  private static final double HEART_SHIFT = (HEART_DISC - 0.5) / 2;
  private static final double HEART_REACH =
      StrictMath.sqrt(0.25 + (0.5 - HEART_SHIFT) * (0.5 - HEART_SHIFT)) + HEART_DISC;

  private Dsprites() {}

  /** {@return each factor's number of values: 3, 6, 40, 32, 32} */
  public static int[] factorSizes() {
    return SIZES.clone();
  }

  /**
   * The whole grid, drawn as batches read it.
   *
   * @return 737,280 images, values 0 or 1 (seen as levels 0 and 255), no labels, with factors
   */
  public static ImageSet all() {
    return new ImageSet(ExampleRows.generated(COUNT, IMAGE_DIM, Dsprites::render), null, null, 1)
        .withFactors(Factors.grid(FACTOR_NAMES, SIZES));
  }

  /**
   * N images drawn without replacement with a seed, in ascending index order, with their factors (a
   * view; {@link ImageSet#pixels()} copies them into one array). The draw is {@link
   * ValidationSplit}'s: the first N steps of a Fisher–Yates shuffle of 0..737,279 driven by {@code
   * SplittableRandom(seed)}.
   *
   * @param n how many, fewer than 737,280
   * @param seed the draw's seed
   * @return the images
   */
  public static ImageSet sample(int n, long seed) {
    return all().rows(new ValidationSplit(n, true, seed).heldOut(COUNT));
  }

  /**
   * The training split: the whole grid, as disentanglement_lib trains on it.
   *
   * @param dir ignored (nothing is read)
   * @return {@link #all()}
   */
  public static ImageSet train(Path dir) {
    return all();
  }

  /**
   * The test split: {@link #TEST_COUNT} images drawn from the grid with seed {@link #TEST_SEED}
   * ({@link #sample}). They are training images too: disentanglement_lib trains and evaluates on
   * the whole grid, and a bound computed here is a training-set figure.
   *
   * @param dir ignored (nothing is read)
   * @return the images
   */
  public static ImageSet test(Path dir) {
    return sample(TEST_COUNT, TEST_SEED);
  }

  /**
   * @param i 0..5
   * @return scale i, {@code 0.5 + 0.5 · i / 5}
   */
  public static double scale(int i) {
    return 0.5 + 0.5 * Objects.checkIndex(i, SIZES[1]) / 5;
  }

  /**
   * @param i 0..39
   * @return orientation i in radians, {@code 2π · i / 39}
   */
  public static double orientation(int i) {
    return 2 * StrictMath.PI * Objects.checkIndex(i, SIZES[2]) / 39;
  }

  /**
   * @param i 0..31
   * @return position i, {@code i / 31}
   */
  public static double position(int i) {
    return Objects.checkIndex(i, SIZES[3]) / 31.0;
  }

  /**
   * Draws image {@code index} of the grid.
   *
   * @param index 0..737,279
   * @param dst destination
   * @param offset where its 4096 values (0 or 1, row after row) start
   */
  public static void render(int index, byte[] dst, int offset) {
    Objects.checkIndex(index, COUNT);
    int y = index % 32;
    int x = index / 32 % 32;
    int orientation = index / (32 * 32) % 40;
    int scale = index / (32 * 32 * 40) % 6;
    int shape = index / (32 * 32 * 40 * 6);
    // Orientation 39 is 2π: drawn at angle 0, so that it gives orientation 0's picture exactly.
    double angle = orientation(orientation % (SIZES[2] - 1));
    render(shape, scale(scale), angle, position(x), position(y), dst, offset);
  }

  /**
   * Draws one sprite from factor values, on or off the grid.
   *
   * @param shape 0 square, 1 ellipse, 2 heart
   * @param scale its size, 1 the largest of the grid
   * @param angle counter-clockwise turn in radians
   * @param x position across, 0..1
   * @param y position down, 0..1
   * @param dst destination
   * @param offset where its 4096 values start
   */
  static void render(
      int shape, double scale, double angle, double x, double y, byte[] dst, int offset) {
    Arrays.fill(dst, offset, offset + IMAGE_DIM, (byte) 0);
    double cx = MARGIN + TRAVEL * x;
    double cy = MARGIN + TRAVEL * y;
    double reach = RADIUS * scale;
    double cos = StrictMath.cos(angle);
    double sin = StrictMath.sin(angle);
    // Only pixels whose centres lie within the bounding circle's box can be inside.
    int r0 = Math.max(0, (int) StrictMath.floor(cy - reach - 0.5));
    int r1 = Math.min(SIDE - 1, (int) StrictMath.ceil(cy + reach - 0.5));
    int c0 = Math.max(0, (int) StrictMath.floor(cx - reach - 0.5));
    int c1 = Math.min(SIDE - 1, (int) StrictMath.ceil(cx + reach - 0.5));
    for (int r = r0; r <= r1; r++) {
      double dy = cy - (r + 0.5); // up is positive in the sprite's frame
      for (int c = c0; c <= c1; c++) {
        double dx = (c + 0.5) - cx;
        // The pixel centre in the sprite's own frame, turned back by the angle, in units of reach.
        double u = (cos * dx + sin * dy) / reach;
        double v = (cos * dy - sin * dx) / reach;
        if (inside(shape, u, v)) {
          dst[offset + r * SIDE + c] = 1;
        }
      }
    }
  }

  /**
   * Whether (u, v), in units of the bounding radius with v up, lies inside the shape at scale 1.
   */
  private static boolean inside(int shape, double u, double v) {
    switch (shape) {
      case 0 -> {
        double h = HEART_DISC; // half the side of a square of circumradius 1
        return Math.abs(u) <= h && Math.abs(v) <= h;
      }
      case 1 -> {
        return u * u + 4 * v * v <= 1; // semi-axes 1 and ½
      }
      case 2 -> {
        // To the heart's units (half-diagonal 1), origin at the square's centre.
        double p = u * HEART_REACH;
        double q = v * HEART_REACH + HEART_SHIFT;
        if (Math.abs(p) + Math.abs(q) <= 1) {
          return true;
        }
        double l = p + 0.5;
        double rr = p - 0.5;
        double t = q - 0.5;
        double r2 = HEART_DISC * HEART_DISC;
        return l * l + t * t <= r2 || rr * rr + t * t <= r2;
      }
      default -> throw new IllegalArgumentException("shape must be 0, 1 or 2, got " + shape);
    }
  }
}
