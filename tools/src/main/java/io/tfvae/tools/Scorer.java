package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.Binarization;
import io.tfvae.data.ExampleFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Scores examples with a SavedModel, one row per example: the −IWAE-m estimate of −log p(x), the
 * NELBO and its KL and reconstruction terms. Rows come in order, a block at a time, so a caller can
 * stream them to a file; the noise follows the evaluation protocol, so the rows' means are exactly
 * {@code tfvae eval}'s figures on the same examples and seeds. For ranking anomalies: a high −log
 * p(x) is an example the model finds unlikely.
 *
 * <pre>{@code
 * try (Scorer s = Scorer.open(Path.of("savedmodels/vae"))) {
 *   float[] x = s.inputs(ExampleFiles.read(Path.of("new.npy")), 0);
 *   s.score(x, x.length / s.inputWidth(), 1000, 0, row -> System.out.println(row), null);
 * }
 * }</pre>
 */
public final class Scorer implements AutoCloseable {
  /**
   * One example's scores.
   *
   * @param index the example's place in the input, from 0
   * @param negativeIwae −IWAE-m, an upper bound on −log p(x) that tightens as m grows (nats)
   * @param nelbo the negative ELBO (nats)
   * @param kl its KL term
   * @param rec its reconstruction term
   */
  public record Row(long index, double negativeIwae, double nelbo, double kl, double rec) {}

  /** Receives rows in order. */
  @FunctionalInterface
  public interface RowSink {
    /**
     * Takes one row.
     *
     * @param row the row
     * @throws IOException if it cannot be written
     */
    void accept(Row row) throws IOException;
  }

  private final ModelHandle model;
  private final Evaluator evaluator;

  private Scorer(ModelHandle model) {
    this.model = model;
    this.evaluator = new Evaluator(model, 500, Evaluator.DEFAULT_BUDGET, 1000);
  }

  /**
   * Opens a SavedModel, checked as the tool checks it (file digests, op allow-list).
   *
   * @param savedModel the SavedModel directory
   * @return the scorer
   */
  public static Scorer open(Path savedModel) {
    return open(savedModel, false, 0);
  }

  /**
   * Opens a SavedModel.
   *
   * @param savedModel the SavedModel directory
   * @param trust run ops outside the allow-list (only for SavedModels you trust)
   * @param threads TensorFlow threads (0: all cores)
   * @return the scorer
   */
  public static Scorer open(Path savedModel, boolean trust, int threads) {
    return new Scorer(ModelHandle.open(savedModel, threads, trust));
  }

  /** Values per example the model takes, or -1 when its signature does not say. */
  public int inputWidth() {
    return (int) model.inputWidth(Contract.NEGATIVE_ELBO, Contract.X);
  }

  /**
   * Examples as this model sees them: binarized once with the evaluation protocol's fixed rule and
   * seed, or scaled to [0, 1] when the model's manifest says it takes grey values.
   *
   * @param examples examples read from a file
   * @param binarizeSeed the fixed binarization's seed (the protocol's default is 0)
   * @return {@code count × dim} inputs
   */
  public float[] inputs(ExampleFiles.Examples examples, long binarizeSeed) {
    if (inputWidth() > 0 && examples.dim() != inputWidth()) {
      throw new ToolException(
          model.dir()
              + ": the model takes "
              + inputWidth()
              + " values per example, the data has "
              + examples.dim()
              + " (shape "
              + java.util.Arrays.toString(examples.shape())
              + ")");
    }
    JsonObject manifest = model.manifest();
    if (examples.bytes() != null) {
      return DataOptions.pixels(examples.images(), manifest, binarizeSeed);
    }
    return DataOptions.seesValues(manifest)
        ? examples.floats().clone()
        : Binarization.fixed(examples.floats(), binarizeSeed);
  }

  /**
   * Scores examples, in blocks whose batches and noise seeds are those of a whole-set evaluation.
   *
   * @param x {@code n × inputWidth()} model inputs
   * @param n number of examples
   * @param m importance samples for −IWAE-m (at least 1)
   * @param seed evaluation noise seed
   * @param sink receives the rows in order
   * @param progress called with image-samples done (may be null)
   * @throws IOException if the sink fails
   */
  public void score(float[] x, int n, int m, long seed, RowSink sink, LongConsumer progress)
      throws IOException {
    if (m < 1) {
      throw new ToolException("--iw: m must be >= 1, got " + m);
    }
    if (n < 1 || x.length % n != 0) {
      throw new ToolException(
          "score: " + x.length + " inputs do not split into " + n + " examples");
    }
    int dim = x.length / n;
    int block = evaluator.blockLength(m);
    for (int start = 0; start < n; start += block) {
      int size = Math.min(block, n - start);
      float[] nelbo = new float[size];
      float[] kl = new float[size];
      float[] rec = new float[size];
      double[] niwae = new double[size];
      evaluator.elboBlock(x, null, start, size, dim, seed, nelbo, kl, rec, progress);
      evaluator.iwaeBlock(x, null, start, size, dim, m, seed, niwae, progress);
      for (int i = 0; i < size; i++) {
        sink.accept(new Row(start + i, niwae[i], nelbo[i], kl[i], rec[i]));
      }
    }
  }

  /** The model's manifest. */
  JsonObject manifest() {
    return model.manifest();
  }

  /** The model's own evaluation split (the data set its manifest names). */
  io.tfvae.data.ImageSet testSet(DataOptions data) {
    return data.testSet(model.manifest());
  }

  @Override
  public void close() {
    model.close();
  }
}
