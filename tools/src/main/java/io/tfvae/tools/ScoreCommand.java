package io.tfvae.tools;

import io.tfvae.data.ExampleFiles;
import io.tfvae.data.ImageSet;
import io.tfvae.util.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae score}: one CSV row per example (index, −IWAE-m, NELBO, KL, Rec), for ranking
 * anomalies or comparing examples. Values are written as the doubles they are (the float32 outputs
 * exactly), so the column means reproduce {@code eval}'s figures. The file is written aside and
 * renamed into place when complete.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Per-example -log p(x) estimates (-IWAE-m), NELBO, KL and Rec, as CSV.")
final class ScoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @CommandLine.Mixin DataOptions data = new DataOptions();

  @CommandLine.Mixin BoundOptions bounds = new BoundOptions();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "CSV",
      description = "the CSV file to write")
  Path out;

  @Option(
      names = "--threads",
      description = "TensorFlow threads (default: all cores)",
      defaultValue = "0")
  int threads;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The m used when --iw is not given: the protocol's tightest routine bound. */
  static final int DEFAULT_M = 1000;

  @Override
  public Integer call() throws IOException {
    OutputFile.check(out, modelDir, data);
    List<Integer> iw = bounds.iw();
    if (iw.size() > 1) {
      throw new ToolException("--iw: score takes one m, got " + iw);
    }
    int m = iw.isEmpty() ? DEFAULT_M : iw.get(0);
    try (Scorer scorer = Scorer.open(modelDir, trustOption.trust, threads)) {
      ExampleFiles.Examples examples = examples(scorer);
      float[] x = scorer.inputs(examples, bounds.binarizeSeed);
      int n = examples.count();
      long t0 = System.nanoTime();
      try {
        writeRows(scorer, x, n, m);
      } catch (IOException e) {
        throw io.tfvae.util.Messages.cannotWrite(out, e);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "scored %d examples (-IWAE-%d, NELBO, KL, Rec; noise seed %d, binarize seed %d) into %s,"
                  + " %.1f s%n",
              n,
              m,
              bounds.seed,
              bounds.binarizeSeed,
              out,
              (System.nanoTime() - t0) / 1e9);
    }
    return 0;
  }

  /** The CSV, written aside and renamed into place when complete. */
  private void writeRows(Scorer scorer, float[] x, int n, int m) throws IOException {
    AtomicFiles.write(
        out,
        tmp -> {
          try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
              ProgressBar bar =
                  ProgressBars.imageSamples("score", ProgressBars.total(n, List.of(m)), quiet)) {
            w.write("index,niwae_" + m + ",nelbo,kl,rec\n");
            scorer.score(
                x,
                n,
                m,
                bounds.seed,
                row ->
                    w.write(
                        String.format(
                            Locale.ROOT,
                            "%d,%s,%s,%s,%s%n",
                            row.index(),
                            row.negativeIwae(),
                            row.nelbo(),
                            row.kl(),
                            row.rec())),
                bar == null ? null : bar::stepBy);
          }
        });
  }

  private ExampleFiles.Examples examples(Scorer scorer) {
    ExampleFiles.Examples e;
    if (data.dataFile != null && data.dataDir == null && data.split.equals("test")) {
      e = ExampleFiles.read(data.dataFile); // float32 files too
      if (e.bytes() != null) {
        ImageSet scaled =
            DataOptions.scaledLikeTraining(scorer.manifest(), data.dataFile, e.images());
        e = new ExampleFiles.Examples(e.count(), e.shape(), scaled.pixels(), null);
      }
    } else {
      ImageSet test = scorer.testSet(data);
      e = new ExampleFiles.Examples(test.count(), new int[] {test.dim()}, test.pixels(), null);
    }
    if (bounds.limit == null) {
      return e;
    }
    if (bounds.limit < 1) {
      throw new ToolException("--limit must be >= 1, got " + bounds.limit);
    }
    int k = Math.min(bounds.limit, e.count());
    int d = e.dim();
    return new ExampleFiles.Examples(
        k,
        e.shape(),
        e.bytes() == null ? null : java.util.Arrays.copyOf(e.bytes(), k * d),
        e.floats() == null ? null : java.util.Arrays.copyOf(e.floats(), k * d));
  }
}
