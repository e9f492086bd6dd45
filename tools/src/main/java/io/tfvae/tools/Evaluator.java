package io.tfvae.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Computes the bounds of a SavedModel over a test set through its {@code negative_elbo} and {@code
 * negative_iwae} signatures (evaluation-protocol contract).
 *
 * <ul>
 *   <li>NELBO, KL, Rec: batches of {@code elboBatch} images; batch b uses seed (seed, b).
 *   <li>−IWAE-m: one call covers {@code B = clamp(budget / m, 1, maxImages)} images and {@code
 *       min(m, budget)} samples each, so that no call holds more than {@code budget} image-samples.
 *       Batch b, sample chunk c uses seed (seed, b + c·2³²). When m exceeds the budget the chunks'
 *       bounds are combined exactly: log mean over all samples = logsumexp_c (log mean_c + log m_c)
 *       − log m.
 * </ul>
 *
 * Per-example values are averaged in double; the report gives each mean and its standard error.
 */
final class Evaluator {
  /** Default image-samples per signature call for IWAE. */
  static final int DEFAULT_BUDGET = 25_000;

  private final ModelHandle model;
  private final int elboBatch;
  private final int budget;
  private final int maxImages;

  Evaluator(ModelHandle model, int elboBatch, int budget, int maxImages) {
    this.model = model;
    this.elboBatch = elboBatch;
    this.budget = budget;
    this.maxImages = maxImages;
  }

  /** Mean and standard error of each bound. */
  record Report(Stat nelbo, Stat kl, Stat rec, Map<Integer, Stat> niwae, long examples) {}

  /**
   * Evaluates the bounds.
   *
   * @param x {@code n * dim} binary pixels
   * @param n number of images
   * @param dim pixels per image
   * @param iw the m values for −IWAE-m
   * @param seed evaluation noise seed
   * @param progress called with image-samples done (may be null)
   * @return the report
   */
  Report evaluate(float[] x, int n, int dim, List<Integer> iw, long seed, LongConsumer progress) {
    return evaluate(x, null, n, dim, iw, seed, progress);
  }

  /**
   * Evaluates the bounds; labels are fed as one-hot {@code y} to models whose signatures take it.
   *
   * @param labels n labels, or null
   */
  Report evaluate(
      float[] x, int[] labels, int n, int dim, List<Integer> iw, long seed, LongConsumer progress) {
    float[] a = new float[n];
    float[] k = new float[n];
    float[] c = new float[n];
    elboBlock(x, labels, 0, n, dim, seed, a, k, c, progress);
    Stat nelbo = new Stat();
    Stat kl = new Stat();
    Stat rec = new Stat();
    for (int i = 0; i < n; i++) {
      nelbo.add(a[i]);
      kl.add(k[i]);
      rec.add(c[i]);
    }
    Map<Integer, Stat> niwae = new LinkedHashMap<>();
    for (int m : iw) {
      double[] v = new double[n];
      iwaeBlock(x, labels, 0, n, dim, m, seed, v, progress);
      Stat s = new Stat();
      for (double e : v) {
        s.add(e);
      }
      niwae.put(m, s);
    }
    return new Report(nelbo, kl, rec, niwae, n);
  }

  /**
   * The images a block of per-example bounds must be a multiple of (and start at a multiple of), so
   * that its batches, and so its noise seeds, are those of a whole-set evaluation.
   *
   * @param m the IWAE sample count, or 0 for the NELBO alone
   * @return the block length
   */
  int blockLength(int m) {
    int images = m == 0 ? elboBatch : iwaeImages(m);
    return (int) lcm(elboBatch, images);
  }

  private static long lcm(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }

  private int iwaeImages(int m) {
    return Math.max(1, Math.min(maxImages, budget / m));
  }

  /**
   * Per-example NELBO, KL and Rec of images [start, start + size), start a multiple of the batch.
   */
  void elboBlock(
      float[] x,
      int[] labels,
      int start,
      int size,
      int dim,
      long seed,
      float[] nelbo,
      float[] kl,
      float[] rec,
      LongConsumer progress) {
    checkWidth(Contract.NEGATIVE_ELBO, dim);
    int classes = labelWidth(Contract.NEGATIVE_ELBO, labels);
    for (int done = 0; done < size; done += elboBatch) {
      int from = start + done;
      int len = Math.min(elboBatch, size - done);
      long b = from / elboBatch;
      try (TFloat32 xt = slice(x, from, len, dim);
          TInt64 st = TInt64.vectorOf(seed, b);
          TFloat32 yt = oneHot(labels, classes, from, len);
          Result r =
              model.call(
                  Contract.NEGATIVE_ELBO, inputs(Map.of(Contract.X, xt, Contract.SEED, st), yt))) {
        for (String name : new String[] {Contract.NELBO, Contract.KL, Contract.REC}) {
          float[] v = read(r, name, len);
          for (int i = 0; i < len; i++) {
            requireFinite(name, v[i], from + i);
          }
          float[] into = name.equals(Contract.NELBO) ? nelbo : name.equals(Contract.KL) ? kl : rec;
          System.arraycopy(v, 0, into, done, len);
        }
      }
      if (progress != null) {
        progress.accept(len);
      }
    }
  }

  /** C when the signature takes one-hot labels y [-1, C] (and labels were given), else 0. */
  private int labelWidth(String key, int[] labels) {
    var y = model.signature(key).getInputsMap().get(Contract.Y);
    if (y == null) {
      return 0;
    }
    if (labels == null) {
      throw new ToolException(
          model.dir() + ": signature '" + key + "' needs labels y, and the data has none");
    }
    return (int) y.getTensorShape().getDim(1).getSize();
  }

  static TFloat32 oneHot(int[] labels, int classes, int start, int size) {
    if (classes == 0) {
      return null;
    }
    float[] y = new float[size * classes];
    for (int i = 0; i < size; i++) {
      int l = labels[start + i];
      if (l < 0 || l >= classes) {
        throw new ToolException(
            "label " + l + " of test image " + (start + i) + " is outside 0.." + (classes - 1));
      }
      y[i * classes + l] = 1f;
    }
    return TFloat32.tensorOf(Shape.of(size, classes), DataBuffers.of(y, true, false));
  }

  static Map<String, org.tensorflow.Tensor> inputs(
      Map<String, org.tensorflow.Tensor> base, TFloat32 y) {
    if (y == null) {
      return base;
    }
    Map<String, org.tensorflow.Tensor> all = new java.util.HashMap<>(base);
    all.put(Contract.Y, y);
    return all;
  }

  /**
   * Per-example −IWAE-m of images [start, start + size), start a multiple of {@link
   * #blockLength(int)}.
   */
  void iwaeBlock(
      float[] x,
      int[] labels,
      int start,
      int size,
      int dim,
      int m,
      long seed,
      double[] out,
      LongConsumer progress) {
    checkWidth(Contract.NEGATIVE_IWAE, dim);
    int classes = labelWidth(Contract.NEGATIVE_IWAE, labels);
    if (m < 1) {
      throw new ToolException("--iw: m must be >= 1, got " + m);
    }
    int images = iwaeImages(m);
    int chunk = Math.min(m, budget);
    int chunks = (m + chunk - 1) / chunk;
    for (int done = 0; done < size; done += images) {
      int from = start + done;
      int len = Math.min(images, size - done);
      long b = from / images;
      // Per image: log of the sum of importance weights over the chunks seen so far.
      double[] logSum = new double[len];
      java.util.Arrays.fill(logSum, Double.NEGATIVE_INFINITY);
      try (TFloat32 xt = slice(x, from, len, dim);
          TFloat32 yt = oneHot(labels, classes, from, len)) {
        for (int c = 0; c < chunks; c++) {
          int mc = Math.min(chunk, m - c * chunk);
          try (TInt64 st = TInt64.vectorOf(seed, b + ((long) c << 32));
              TInt32 mt = TInt32.scalarOf(mc);
              Result r =
                  model.call(
                      Contract.NEGATIVE_IWAE,
                      inputs(Map.of(Contract.X, xt, Contract.M, mt, Contract.SEED, st), yt))) {
            float[] v = read(r, Contract.NIWAE, len);
            for (int i = 0; i < len; i++) {
              // -niwae_c = log mean_c w; log sum_c w = log mean_c w + log m_c
              logSum[i] = logAddExp(logSum[i], -v[i] + Math.log(mc));
            }
          }
          if (progress != null) {
            progress.accept((long) len * mc);
          }
        }
      }
      for (int i = 0; i < len; i++) {
        out[done + i] = -(logSum[i] - Math.log(m));
        requireFinite("-IWAE-" + m, out[done + i], from + i);
      }
    }
  }

  /**
   * Refuses a non-finite per-example bound: a figure averaged over it would be meaningless, and no
   * command reports one with exit 0.
   */
  private void requireFinite(String bound, double value, int example) {
    if (!Double.isFinite(value)) {
      throw new ToolException(
          model.dir()
              + ": "
              + bound
              + " of example "
              + example
              + " (0-based) is "
              + value
              + "; the model's outputs are not finite there, so no figure is reported");
    }
  }

  static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double hi = Math.max(a, b);
    return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
  }

  private void checkWidth(String key, int dim) {
    long width = model.inputWidth(key, Contract.X);
    if (width > 0 && width != dim) {
      throw new ToolException(
          model.dir()
              + ": the model takes inputs of "
              + width
              + " values (signature '"
              + key
              + "' input x) but the data has "
              + dim
              + " pixels per image; wrong data set for this model?");
    }
  }

  static TFloat32 slice(float[] x, int start, int size, int dim) {
    return TFloat32.tensorOf(
        Shape.of(size, dim),
        DataBuffers.of(x, true, false).slice((long) start * dim, (long) size * dim));
  }

  static float[] read(Result r, String name, int size) {
    Tensor t =
        r.get(name)
            .orElseThrow(() -> new ToolException("signature output '" + name + "' is missing"));
    float[] out = new float[size];
    if (t.shape().size() != size) {
      throw new ToolException(
          "signature output '" + name + "': expected " + size + " values, got shape " + t.shape());
    }
    ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
