package io.tfvae.tools;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * ELBO surgery (Hoffman and Johnson 2016): the average KL(q(z|x) ‖ p(z)) over a data set splits
 * into the mutual information I(x; z) under q and the marginal KL(q(z) ‖ p(z)), where q(z) = (1/N)
 * Σ_m q(z|x_m) is the aggregate posterior of the same N images.
 *
 * <p>Estimator: one code z_n ~ q(z|x_n) per image (a draw from q(z)); with log q(z_n) = logsumexp_m
 * log q(z_n|x_m) − log N (all N posteriors, z_n's own included),
 *
 * <ul>
 *   <li>average KL ≈ mean_n [log q(z_n|x_n) − log p(z_n)]
 *   <li>I(x; z) ≈ mean_n [log q(z_n|x_n) − log q(z_n)] (at most log N)
 *   <li>marginal KL ≈ mean_n [log q(z_n) − log p(z_n)]
 * </ul>
 *
 * so the first is the sum of the other two, image by image. Standard errors are over the images,
 * holding the aggregate posterior fixed.
 */
final class ElboSurgery {
  private ElboSurgery() {}

  /** The posteriors q(z | x_m) of N images. */
  interface Posteriors {
    /** N. */
    int size();

    /** The width of a code. */
    int width();

    /**
     * A code z ~ q(z | x_n).
     *
     * @param n the image
     * @param random the source of randomness
     * @return the code
     */
    float[] sample(int n, SplittableRandom random);

    /**
     * log q(z | x_m).
     *
     * @param m the image
     * @param z a code
     * @return the log-density (or log-probability)
     */
    double logDensity(int m, float[] z);
  }

  /** The three terms, each a mean with its standard error. */
  record Terms(Stat averageKl, Stat mutualInformation, Stat marginalKl) {}

  /**
   * Draws one code per image, with SplittableRandom(seed) split once per image so the draws do not
   * depend on the thread count.
   *
   * @param q the posteriors
   * @param seed the seed
   * @return codes, [N][width]
   */
  static float[][] sample(Posteriors q, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] perImage = new SplittableRandom[q.size()];
    for (int n = 0; n < perImage.length; n++) {
      perImage[n] = root.split();
    }
    float[][] z = new float[q.size()][];
    IntStream.range(0, q.size()).parallel().forEach(n -> z[n] = q.sample(n, perImage[n]));
    return z;
  }

  /**
   * The surgery's terms.
   *
   * @param q the posteriors of the N images
   * @param z one code per image, z_n ~ q(z | x_n)
   * @param logPrior log p(z_n) of each code
   * @return the terms
   */
  static Terms estimate(Posteriors q, float[][] z, double[] logPrior) {
    int n = q.size();
    double[] own = new double[n];
    double[] aggregate = new double[n];
    double logN = Math.log(n);
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              // A streaming log-sum-exp over the N posteriors: rescale the sum when the max moves.
              double max = Double.NEGATIVE_INFINITY;
              double sum = 0;
              for (int m = 0; m < n; m++) {
                double a = q.logDensity(m, z[i]);
                if (a > max) {
                  sum = sum * Math.exp(max - a) + 1;
                  max = a;
                } else {
                  sum += Math.exp(a - max);
                }
              }
              own[i] = q.logDensity(i, z[i]);
              aggregate[i] = max + Math.log(sum) - logN;
            });
    Stat avg = new Stat();
    Stat mi = new Stat();
    Stat marginal = new Stat();
    for (int i = 0; i < n; i++) {
      avg.add(own[i] - logPrior[i]);
      mi.add(own[i] - aggregate[i]);
      marginal.add(aggregate[i] - logPrior[i]);
    }
    return new Terms(avg, mi, marginal);
  }

  /**
   * Active units (Burda et al. 2016, section 5.2): the dimensions whose posterior mean varies over
   * the images by more than 0.01, Var_n E[z_d | x_n] &gt; 0.01. For a categorical code, a variable
   * counts when the variances of its class probabilities sum to more than 0.01.
   *
   * @param means per image, [N][units × group] (group 1 for a Gaussian code, K for a categorical)
   * @param group values per unit
   * @return the number of active units
   */
  static int activeUnits(float[][] means, int group) {
    int width = means[0].length;
    int active = 0;
    for (int u = 0; u < width / group; u++) {
      double total = 0;
      for (int k = 0; k < group; k++) {
        double sum = 0;
        double sq = 0;
        for (float[] row : means) {
          double v = row[u * group + k];
          sum += v;
          sq += v * v;
        }
        double mean = sum / means.length;
        total += sq / means.length - mean * mean;
      }
      active += total > 0.01 ? 1 : 0;
    }
    return active;
  }

  /** Diagonal Gaussian posteriors N(μ_m, diag σ_m²). */
  static Posteriors gaussian(float[][] mean, float[][] variance) {
    int n = mean.length;
    int d = mean[0].length;
    double[] constant = new double[n];
    double[][] precision = new double[n][d];
    for (int m = 0; m < n; m++) {
      double c = 0;
      for (int j = 0; j < d; j++) {
        c += Math.log(2 * Math.PI * variance[m][j]);
        precision[m][j] = 1.0 / variance[m][j];
      }
      constant[m] = -0.5 * c;
    }
    return new Posteriors() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public int width() {
        return d;
      }

      @Override
      public float[] sample(int i, SplittableRandom r) {
        float[] z = new float[d];
        for (int j = 0; j < d; j++) {
          z[j] = (float) (mean[i][j] + Math.sqrt(variance[i][j]) * gaussian(r));
        }
        return z;
      }

      @Override
      public double logDensity(int m, float[] z) {
        double q = 0;
        for (int j = 0; j < d; j++) {
          double diff = z[j] - mean[m][j];
          q += diff * diff * precision[m][j];
        }
        return constant[m] - 0.5 * q;
      }
    };
  }

  /** Categorical posteriors of N variables of K classes; codes are one-hot, N·K. */
  static Posteriors categorical(float[][] probabilities, int variables, int classes) {
    int n = probabilities.length;
    double[][] logP = new double[n][variables * classes];
    for (int m = 0; m < n; m++) {
      for (int j = 0; j < variables * classes; j++) {
        logP[m][j] = Math.log(Math.max(probabilities[m][j], 1e-30f));
      }
    }
    return new Posteriors() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public int width() {
        return variables * classes;
      }

      @Override
      public float[] sample(int i, SplittableRandom r) {
        float[] z = new float[variables * classes];
        for (int v = 0; v < variables; v++) {
          double u = r.nextDouble();
          int k = 0;
          double cumulative = probabilities[i][v * classes];
          while (k < classes - 1 && u >= cumulative) {
            k++;
            cumulative += probabilities[i][v * classes + k];
          }
          z[v * classes + k] = 1f;
        }
        return z;
      }

      @Override
      public double logDensity(int m, float[] z) {
        double q = 0;
        for (int j = 0; j < z.length; j++) {
          if (z[j] != 0f) {
            q += logP[m][j];
          }
        }
        return q;
      }
    };
  }

  /** A standard normal draw by Box-Muller, from a SplittableRandom (which has no nextGaussian). */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * What {@code eval --surgery} reports.
   *
   * @param activeUnits active units of {@code unitsOf}, or -1 where the model gives no posterior
   *     means
   * @param units the units counted: the code's, or its first layer's
   * @param unitsOf "z", or "z_1" for a hierarchy whose encode gives only q(z_1 | x)'s mean
   * @param code the family, as the report names it
   */
  record Report(Terms terms, int activeUnits, int units, String unitsOf, String code) {}

  /**
   * Runs the surgery on a SavedModel through its {@code encode} and {@code log_prior} signatures.
   *
   * @param model the model
   * @param x {@code n * dim} test pixels as the model sees them
   * @param labels the test labels (fed where encode takes y), or null
   * @param n images
   * @param dim pixels per image
   * @param seed seed of the codes drawn from the posteriors
   * @return the report
   */
  static Report run(ModelHandle model, float[] x, int[] labels, int n, int dim, long seed) {
    model.signature(Contract.LOG_PRIOR);
    var encode = model.signature(Contract.ENCODE);
    boolean categorical = encode.getOutputsMap().containsKey(Contract.Z_PROBABILITIES);
    if (!categorical && !encode.getOutputsMap().containsKey(Contract.Z_MEAN)) {
      return throughSignatures(model, x, n, dim, seed);
    }
    java.util.List<String> outputs =
        categorical
            ? java.util.List.of(Contract.Z_PROBABILITIES)
            : java.util.List.of(Contract.Z_MEAN, Contract.Z_VARIANCE);
    float[][][] params = encodeOutputs(model, x, labels, n, dim, outputs);
    Posteriors q;
    int group;
    if (categorical) {
      var shape = encode.getOutputsMap().get(Contract.Z_PROBABILITIES).getTensorShape();
      int variables = (int) shape.getDim(1).getSize();
      group = (int) shape.getDim(2).getSize();
      q = categorical(params[0], variables, group);
    } else {
      group = 1;
      q = gaussian(params[0], params[1]);
    }
    float[][] z = sample(q, seed);
    double[] logPrior = logPrior(model, z);
    return new Report(
        estimate(q, z, logPrior),
        activeUnits(params[0], group),
        params[0][0].length / group,
        "z",
        categorical ? "categorical" : "gaussian");
  }

  /**
   * The named outputs of {@code encode} for every image, in calls of 500.
   *
   * @return per output, per image, its values
   */
  private static float[][][] encodeOutputs(
      ModelHandle model, float[] x, int[] labels, int n, int dim, java.util.List<String> outputs) {
    var y = model.signature(Contract.ENCODE).getInputsMap().get(Contract.Y);
    int classes = y == null ? 0 : (int) y.getTensorShape().getDim(1).getSize();
    float[][][] values = new float[outputs.size()][n][];
    int batch = 500;
    for (int start = 0; start < n; start += batch) {
      int size = Math.min(batch, n - start);
      var in = new java.util.HashMap<String, org.tensorflow.Tensor>();
      try (org.tensorflow.types.TFloat32 xt = Evaluator.slice(x, start, size, dim);
          org.tensorflow.types.TFloat32 yt =
              y != null ? Evaluator.oneHot(labels, classes, start, size) : null) {
        in.put(Contract.X, xt);
        if (yt != null) {
          in.put(Contract.Y, yt);
        }
        try (org.tensorflow.Result r = model.call(Contract.ENCODE, in)) {
          for (int o = 0; o < outputs.size(); o++) {
            int width = (int) (r.get(outputs.get(o)).orElseThrow().shape().size() / size);
            float[] v = Evaluator.read(r, outputs.get(o), size * width);
            for (int i = 0; i < size; i++) {
              values[o][start + i] = java.util.Arrays.copyOfRange(v, i * width, (i + 1) * width);
            }
          }
        }
      }
    }
    return values;
  }

  /**
   * The surgery of any posterior family, from its signatures alone: one code per image from {@code
   * sample_posterior} (seeded (seed, first image of the call)), and log q(z_n | x_m) of every pair
   * from {@code log_posterior}, N² rows in calls of about 20,000. Active units need the posterior
   * means: a bottom-up hierarchy's encode gives q(z_1 | x)'s ({@code z1_mean}), so its first
   * layer's are counted; a flow gives none (its z0_mean is the starting Gaussian's): -1.
   */
  static Report throughSignatures(ModelHandle model, float[] x, int n, int dim, long seed) {
    if (!model.signatures().containsKey(Contract.SAMPLE_POSTERIOR)
        || !model.signatures().containsKey(Contract.LOG_POSTERIOR)) {
      throw new ToolException(
          "--surgery: the model's encode gives neither z_mean nor z_probabilities, and it has no"
              + " sample_posterior and log_posterior signatures to draw and score its codes");
    }
    float[][] z = new float[n][];
    for (int start = 0; start < n; start += 500) {
      int size = Math.min(500, n - start);
      try (org.tensorflow.types.TFloat32 xt = Evaluator.slice(x, start, size, dim);
          org.tensorflow.types.TInt64 st = org.tensorflow.types.TInt64.vectorOf(seed, start);
          org.tensorflow.Result r =
              model.call(
                  Contract.SAMPLE_POSTERIOR, java.util.Map.of(Contract.X, xt, Contract.SEED, st))) {
        int width = (int) (r.get(Contract.Z).orElseThrow().shape().size() / size);
        float[] v = Evaluator.read(r, Contract.Z, size * width);
        for (int i = 0; i < size; i++) {
          z[start + i] = java.util.Arrays.copyOfRange(v, i * width, (i + 1) * width);
        }
      }
    }
    int width = z[0].length;
    // logQ[i][m] = log q(z_i | x_m): codes i..i+k-1 each against all N images per call.
    double[][] logQ = new double[n][n];
    int codesPerCall = Math.max(1, 20_000 / n);
    for (int i = 0; i < n; i += codesPerCall) {
      int k = Math.min(codesPerCall, n - i);
      float[] xs = new float[k * n * dim];
      float[] zs = new float[k * n * width];
      for (int c = 0; c < k; c++) {
        System.arraycopy(x, 0, xs, c * n * dim, n * dim);
        for (int m = 0; m < n; m++) {
          System.arraycopy(z[i + c], 0, zs, (c * n + m) * width, width);
        }
      }
      try (org.tensorflow.types.TFloat32 xt = Evaluator.slice(xs, 0, k * n, dim);
          org.tensorflow.types.TFloat32 zt = Evaluator.slice(zs, 0, k * n, width);
          org.tensorflow.Result r =
              model.call(
                  Contract.LOG_POSTERIOR, java.util.Map.of(Contract.X, xt, Contract.Z, zt))) {
        float[] v = Evaluator.read(r, Contract.LOG_PROB, k * n);
        for (int c = 0; c < k; c++) {
          for (int m = 0; m < n; m++) {
            logQ[i + c][m] = v[c * n + m];
          }
        }
      }
    }
    java.util.Map<float[], Integer> index = new java.util.IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(z[i], i);
    }
    Posteriors q =
        new Posteriors() {
          @Override
          public int size() {
            return n;
          }

          @Override
          public int width() {
            return width;
          }

          @Override
          public float[] sample(int i, SplittableRandom random) {
            return z[i];
          }

          @Override
          public double logDensity(int m, float[] code) {
            return logQ[index.get(code)][m];
          }
        };
    Terms terms = estimate(q, z, logPrior(model, z));
    if (model.signature(Contract.ENCODE).getOutputsMap().containsKey(Contract.Z1_MEAN)) {
      float[][] means =
          encodeOutputs(model, x, null, n, dim, java.util.List.of(Contract.Z1_MEAN))[0];
      return new Report(
          terms, activeUnits(means, 1), means[0].length, "z_1", "any family, by signatures");
    }
    return new Report(terms, -1, width, "z", "any family, by signatures");
  }

  /** log p(z) of each code through {@code log_prior}, in calls of 5000 codes. */
  private static double[] logPrior(ModelHandle model, float[][] z) {
    double[] out = new double[z.length];
    int width = z[0].length;
    for (int start = 0; start < z.length; start += 5000) {
      int size = Math.min(5000, z.length - start);
      float[] flat = new float[size * width];
      for (int i = 0; i < size; i++) {
        System.arraycopy(z[start + i], 0, flat, i * width, width);
      }
      try (org.tensorflow.types.TFloat32 zt = Evaluator.slice(flat, 0, size, width);
          org.tensorflow.Result r =
              model.call(Contract.LOG_PRIOR, java.util.Map.of(Contract.Z, zt))) {
        float[] v = Evaluator.read(r, Contract.LOG_PROB, size);
        for (int i = 0; i < size; i++) {
          out[start + i] = v[i];
        }
      }
    }
    return out;
  }
}
