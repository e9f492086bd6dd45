package io.tfvae.tools;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.tfvae.data.Binarization;
import io.tfvae.data.DataException;
import io.tfvae.data.ImageSet;
import io.tfvae.data.Mnist;
import io.tfvae.data.Downloader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tfvae}: evaluate, sample from and inspect SavedModels. */
@Command(
    name = "tfvae",
    mixinStandardHelpOptions = true,
    description = "Evaluate, sample from and inspect tfvae SavedModels.",
    subcommands = {TfvaeCli.Eval.class, TfvaeCli.Sample.class, TfvaeCli.Inspect.class, TfvaeCli.Agreement.class})
public final class TfvaeCli {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private TfvaeCli() {}

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the CLI with the given streams (tests call this).
   *
   * @param args command-line arguments
   * @param out results
   * @param err logs and errors
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(TfvaeCli.class);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(
        (ex, c, parse) -> {
          if (ex instanceof ToolException
              || ex instanceof DataException
              || ex instanceof UncheckedIOException
              || ex instanceof IOException
              || ex instanceof TensorFlowException) {
            c.getErr().println("tfvae " + c.getCommandName() + ": error: " + ModelHandle.firstLine(ex.getMessage()));
            return 1;
          }
          throw ex;
        });
    return cmd.execute(args);
  }

  /** --trust, shared by the commands that run a SavedModel. */
  static final class TrustOption {
    @Option(names = "--trust", description = "run ops outside the allow-list (only for SavedModels you trust)")
    boolean trust;
  }

  /** Options shared by commands that read the test set. */
  static final class DataOptions {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "folder with the MNIST IDX files; default: download into the cache")
    Path dataDir;

    /** The test split of the manifest's data set ("mnist" unless it says "svhn"). */
    ImageSet testSet(JsonObject manifest) {
      boolean svhn = manifest.has("dataset") && manifest.get("dataset").getAsString().equals("svhn");
      Path dir = dataDir != null ? dataDir : (svhn ? Downloader.svhn() : Downloader.mnist()).ensureDefault();
      return svhn ? io.tfvae.data.Svhn.test(dir) : Mnist.test(dir);
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Bounds over the test set.")
  static final class Eval implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SAVEDMODEL")
    Path modelDir;

    @CommandLine.Mixin DataOptions data = new DataOptions();

    @Option(names = "--iw", split = ",", paramLabel = "M", description = "negative IWAE-m for these m (default: none)")
    List<Integer> iw = new ArrayList<>();

    @Option(names = "--seed", description = "evaluation noise seed (default ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--binarize-seed", description = "seed of the fixed test-set binarization (default ${DEFAULT-VALUE})", defaultValue = "0")
    long binarizeSeed;

    @Option(names = "--limit", description = "evaluate the first N test images only")
    Integer limit;

    @Option(names = "--batch", description = "images per negative_elbo call (default ${DEFAULT-VALUE})", defaultValue = "500")
    int batch;

    @Option(names = "--budget", description = "image-samples per negative_iwae call (default ${DEFAULT-VALUE})", defaultValue = "" + Evaluator.DEFAULT_BUDGET)
    int budget;

    @Option(names = "--threads", description = "TensorFlow threads (default: all cores)", defaultValue = "0")
    int threads;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--record", description = "also store the figures in the SavedModel's manifest")
    boolean record;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @CommandLine.Mixin TrustOption trustOption = new TrustOption();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Double accuracy;
    private int labelsCount;

    @Override
    public Integer call() {
      if (batch < 1 || budget < 1) {
        throw new ToolException("--batch and --budget must be >= 1");
      }
      for (int m : iw) {
        if (m < 1) {
          throw new ToolException("--iw: each m must be >= 1, got " + m);
        }
      }
      ModelHandle.readProto(modelDir);
      long start = System.nanoTime();
      Evaluator.Report rep;
      try (ModelHandle model = ModelHandle.open(modelDir, threads, trustOption.trust)) {
        JsonObject manifest = model.manifest();
        ImageSet test = data.testSet(manifest);
        if (limit != null) {
          if (limit < 1) {
            throw new ToolException("--limit must be >= 1, got " + limit);
          }
          test = test.head(limit);
        }
        // Bernoulli models see the fixed binarization; models of [0,1] pixels ("none") the values.
        boolean binarize = !manifest.has("binarization") || !manifest.get("binarization").getAsString().equals("none");
        float[] x = binarize ? Binarization.fixed(test, binarizeSeed) : Binarization.scaled(test);
        labelsCount = test.count();
        int[] labels = new int[test.count()];
        for (int i = 0; i < labels.length && test.hasLabels(); i++) {
          labels[i] = test.label(i);
        }
        if (model.has(Contract.NEGATIVE_ELBO) || !model.has(Contract.CLASSIFY)) {
          try (ProgressBar bar = quiet || System.console() == null ? null : progress(test.count(), iw)) {
            rep =
                new Evaluator(model, batch, budget, 1000)
                    .evaluate(x, test.hasLabels() ? labels : null, test.count(), test.dim(), iw, seed,
                        bar == null ? null : bar::stepBy);
          }
        } else {
          rep = null;
        }
        if (model.has(Contract.CLASSIFY)) {
          // Classifiers are scored on the [0,1] test pixels (grayscale), as the reference does.
          accuracy = accuracy(model, Binarization.scaled(test), labels, test.count(), test.dim(), batch);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      JsonObject o = rep == null ? new JsonObject() : toJson(rep, seconds);
      if (accuracy != null) {
        o.addProperty("accuracy", accuracy);
        if (rep == null) {
          o.addProperty("examples", labelsCount);
          o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
        }
      }
      if (json) {
        spec.commandLine().getOut().println(GSON.toJson(o));
      } else {
        if (rep != null) {
          printTable(rep, seconds);
        }
        if (accuracy != null) {
          spec.commandLine().getOut().printf("%-12s %10.4f   (%d test images, [0,1] pixels)%n", "accuracy", accuracy, labelsCount);
        }
      }
      if (record) {
        recordFigures(o);
      }
      return 0;
    }

    private ProgressBar progress(int n, List<Integer> ms) {
      long total = n;
      for (int m : ms) {
        total += (long) n * m;
      }
      return new ProgressBarBuilder()
          .setTaskName("eval")
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUnit(" img-samples", 1)
          .showSpeed()
          .build();
    }

    private JsonObject toJson(Evaluator.Report r, double seconds) {
      JsonObject o = new JsonObject();
      o.addProperty("nelbo", r.nelbo().mean());
      o.addProperty("kl", r.kl().mean());
      o.addProperty("rec", r.rec().mean());
      JsonObject iwo = new JsonObject();
      JsonObject se = new JsonObject();
      se.addProperty("nelbo", r.nelbo().standardError());
      se.addProperty("kl", r.kl().standardError());
      se.addProperty("rec", r.rec().standardError());
      JsonObject iwse = new JsonObject();
      for (Map.Entry<Integer, Stat> e : r.niwae().entrySet()) {
        iwo.addProperty(String.valueOf(e.getKey()), e.getValue().mean());
        iwse.addProperty(String.valueOf(e.getKey()), e.getValue().standardError());
      }
      se.add("niwae", iwse);
      o.add("niwae", iwo);
      o.addProperty("examples", r.examples());
      o.add("standard_errors", se);
      o.addProperty("seed", seed);
      o.addProperty("binarize_seed", binarizeSeed);
      o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
      return o;
    }

    private void printTable(Evaluator.Report r, double seconds) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %d test images, binarize seed %d, noise seed %d, %.1f s%n",
          modelDir, r.examples(), binarizeSeed, seed, seconds);
      out.printf("%-12s %10s %8s%n", "bound", "mean", "s.e.");
      row(out, "NELBO", r.nelbo());
      row(out, "KL", r.kl());
      row(out, "Rec", r.rec());
      for (Map.Entry<Integer, Stat> e : r.niwae().entrySet()) {
        row(out, "-IWAE-" + e.getKey(), e.getValue());
      }
    }

    private static void row(PrintWriter out, String name, Stat s) {
      out.printf("%-12s %10.2f %8.2f%n", name, s.mean(), s.standardError());
    }

    private void recordFigures(JsonObject figures) {
      Path m = modelDir.resolve(Contract.MANIFEST);
      try {
        JsonObject manifest =
            Files.exists(m)
                ? com.google.gson.JsonParser.parseString(Files.readString(m, StandardCharsets.UTF_8)).getAsJsonObject()
                : new JsonObject();
        manifest.add("figures", figures);
        Files.createDirectories(m.getParent());
        Path tmp = Files.createTempFile(m.getParent(), ".tfvae.json", ".tmp");
        Files.writeString(tmp, GSON.toJson(manifest) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, m, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new ToolException(m + ": cannot record figures: " + e.getMessage());
      }
    }
  }

  @Command(name = "sample", mixinStandardHelpOptions = true, description = "A PNG grid of prior samples (decoder means).")
  static final class Sample implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SAVEDMODEL")
    Path modelDir;

    @Option(names = "--out", required = true, paramLabel = "PNG")
    Path out;

    @Option(names = "--rows", defaultValue = "10")
    int rows;

    @Option(names = "--cols", defaultValue = "20")
    int cols;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--per-class", description = "conditional models: row i has label i, column j shares one z from the prior")
    boolean perClass;

    @CommandLine.Mixin TrustOption trustOption = new TrustOption();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (rows < 1 || cols < 1) {
        throw new ToolException("--rows and --cols must be >= 1");
      }
      int n = rows * cols;
      if (perClass) {
        try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
          float[] pixels = perClassSamples(model, cols, seed);
          int classes = pixels.length / (cols * outputWidth(model, Contract.SAMPLE_CONDITIONAL));
          writeGrid(pixels, classes * cols, outputWidth(model, Contract.SAMPLE_CONDITIONAL), classes, cols, out);
          spec.commandLine().getOut().println("wrote " + out + " (" + classes + " labels x " + cols + " shared codes)");
        }
        return 0;
      }
      try (ModelHandle model = ModelHandle.open(modelDir, 0, trustOption.trust)) {
        int dim = (int) model.signature(Contract.SAMPLE).getOutputsMap().get("x_mean").getTensorShape().getDim(1).getSize();
        float[] pixels;
        try (TInt32 nt = TInt32.scalarOf(n);
            TInt64 st = TInt64.vectorOf(seed, 0);
            Result r = model.call(Contract.SAMPLE, Map.of("n", nt, "seed", st))) {
          pixels = Evaluator.read(r, "x_mean", n * dim);
        }
        writeGrid(pixels, n, dim, rows, cols, out);
      }
      spec.commandLine().getOut().println("wrote " + out + " (" + rows + "x" + cols + " samples)");
      return 0;
    }
  }

  /** The fraction of images whose most probable class under {@code classify} is their label. */
  static double accuracy(ModelHandle model, float[] x, int[] labels, int n, int dim, int batch) {
    long width = model.inputWidth(Contract.CLASSIFY, "x");
    if (width > 0 && width != dim) {
      throw new ToolException(model.dir() + ": the classifier takes inputs of " + width + " values but the images have " + dim);
    }
    long correct = 0;
    for (int start = 0; start < n; start += batch) {
      int size = Math.min(batch, n - start);
      int[] predicted = classify(model, x, start, size, dim);
      for (int i = 0; i < size; i++) {
        correct += predicted[i] == labels[start + i] ? 1 : 0;
      }
    }
    return (double) correct / n;
  }

  /** argmax of {@code classify} for rows start..start+size of x. */
  static int[] classify(ModelHandle model, float[] x, int start, int size, int dim) {
    try (TFloat32 xt = Evaluator.slice(x, start, size, dim);
        Result r = model.call(Contract.CLASSIFY, Map.of("x", xt))) {
      org.tensorflow.Tensor t = r.get("probabilities").orElseThrow(() -> new ToolException("classify: no 'probabilities' output"));
      int classes = (int) (t.shape().size() / size);
      float[] p = Evaluator.read(r, "probabilities", size * classes);
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        for (int c = 1; c < classes; c++) {
          if (p[i * classes + c] > p[i * classes + out[i]]) {
            out[i] = c;
          }
        }
      }
      return out;
    }
  }

  @Command(
      name = "agreement",
      mixinStandardHelpOptions = true,
      description = "The fraction of a conditional model's samples that a judge classifier assigns to the label they were drawn for.")
  static final class Agreement implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GENERATOR", description = "SavedModel with sample_conditional")
    Path generator;

    @Option(names = "--judge", required = true, paramLabel = "SAVEDMODEL", description = "SavedModel with classify")
    Path judge;

    @Option(names = "--per-class", defaultValue = "1000", description = "samples per label (default ${DEFAULT-VALUE})")
    int perClass;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @CommandLine.Mixin TrustOption trustOption = new TrustOption();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (perClass < 1) {
        throw new ToolException("--per-class must be >= 1, got " + perClass);
      }
      try (ModelHandle gen = ModelHandle.open(generator, 0, trustOption.trust);
          ModelHandle jud = ModelHandle.open(judge, 0, trustOption.trust)) {
        int d = outputWidth(gen, Contract.SAMPLE_CONDITIONAL);
        long judgeWidth = jud.inputWidth(Contract.CLASSIFY, "x");
        if (judgeWidth > 0 && judgeWidth != d) {
          throw new ToolException(judge + ": the judge takes inputs of " + judgeWidth + " values but " + generator + " draws images of " + d);
        }
        // Codes: row j of a [perClass, Z] standard-normal matrix from java.util.Random(seed);
        // every label decodes the same codes, so labels are compared on equal terms.
        float[] all = perClassSamples(gen, perClass, seed); // [classes * perClass, d], row = label
        int classes = all.length / (perClass * d);
        for (int i = 0; i < all.length; i++) {
          all[i] = Math.max(0f, Math.min(1f, all[i]));
        }
        long agree = 0;
        JsonObject byLabel = new JsonObject();
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < classes; c++) {
          long ok = 0;
          for (int start = 0; start < perClass; start += 500) {
            int size = Math.min(500, perClass - start);
            int[] predicted = classify(jud, all, c * perClass + start, size, d);
            for (int p : predicted) {
              ok += p == c ? 1 : 0;
            }
          }
          agree += ok;
          double f = (double) ok / perClass;
          byLabel.addProperty(String.valueOf(c), f);
          line.append(String.format(" %d:%.3f", c, f));
        }
        double fraction = (double) agree / ((long) classes * perClass);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          JsonObject o = new JsonObject();
          o.addProperty("agreement", fraction);
          o.addProperty("samples", (long) classes * perClass);
          o.add("by_label", byLabel);
          out.println(GSON.toJson(o));
        } else {
          out.printf("label agreement %.4f (%d of %d samples classified as the label they were drawn for)%n",
              fraction, agree, (long) classes * perClass);
          out.println("by label:" + line);
        }
      }
      return 0;
    }
  }

  static int outputWidth(ModelHandle model, String key) {
    return (int) model.signature(key).getOutputsMap().get("x_mean").getTensorShape().getDim(1).getSize();
  }

  /**
   * Decoder means for a labels × codes grid through {@code sample_conditional}: row i has label i,
   * column j the code z_j, drawn from N(0, I) by {@code java.util.Random(seed)} (nextGaussian, row
   * after row of the [cols, Z] matrix).
   *
   * @return {@code classes * cols * D} values, row-major
   */
  static float[] perClassSamples(ModelHandle model, int cols, long seed) {
    var sig = model.signature(Contract.SAMPLE_CONDITIONAL);
    int classes = (int) sig.getInputsMap().get("y").getTensorShape().getDim(1).getSize();
    int z = (int) sig.getInputsMap().get("z").getTensorShape().getDim(1).getSize();
    java.util.Random r = new java.util.Random(seed);
    float[] codes = new float[cols * z];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (float) r.nextGaussian();
    }
    int n = classes * cols;
    float[] y = new float[n * classes];
    float[] zz = new float[n * z];
    for (int row = 0; row < classes; row++) {
      for (int col = 0; col < cols; col++) {
        int k = row * cols + col;
        y[k * classes + row] = 1f;
        System.arraycopy(codes, col * z, zz, k * z, z);
      }
    }
    int d = outputWidth(model, Contract.SAMPLE_CONDITIONAL);
    try (TFloat32 yt = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(n, classes), org.tensorflow.ndarray.buffer.DataBuffers.of(y, true, false));
        TFloat32 zt = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(n, z), org.tensorflow.ndarray.buffer.DataBuffers.of(zz, true, false));
        Result res = model.call(Contract.SAMPLE_CONDITIONAL, Map.of("y", yt, "z", zt))) {
      return Evaluator.read(res, "x_mean", n * d);
    }
  }

  /**
   * Writes images as a PNG grid, atomically. 784-pixel images are 28×28 gray, 3072-pixel images
   * 32×32 RGB (channels last); values are clipped to [0,1].
   */
  static void writeGrid(float[] pixels, int n, int dim, int rows, int cols, Path out) throws IOException {
    io.tfvae.data.ImageShape shape = io.tfvae.data.ImageShape.of(dim);
    int channels = shape.channels();
    int side = shape.side();
    int gap = 1;
    BufferedImage img =
        new BufferedImage(cols * (side + gap) + gap, rows * (side + gap) + gap, BufferedImage.TYPE_INT_RGB);
    for (int k = 0; k < Math.min(n, rows * cols); k++) {
      int ox = gap + (k % cols) * (side + gap);
      int oy = gap + (k / cols) * (side + gap);
      for (int yy = 0; yy < side; yy++) {
        for (int xx = 0; xx < side; xx++) {
          int base = k * dim + (yy * side + xx) * channels;
          int rgb = 0;
          for (int c = 0; c < 3; c++) {
            float v = pixels[base + (channels == 3 ? c : 0)];
            int b = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
            rgb = (rgb << 8) | b;
          }
          img.setRGB(ox + xx, oy + yy, rgb);
        }
      }
    }
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      ImageIO.write(img, "png", tmp.toFile());
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true, description = "List signatures with their inputs and outputs.")
  static final class Inspect implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SAVEDMODEL")
    Path modelDir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      SavedModel sm = ModelHandle.readProto(modelDir);
      PrintWriter out = spec.commandLine().getOut();
      var mg = sm.getMetaGraphs(0);
      out.printf("%s: tags %s, %d graph nodes, %d signatures%n",
          modelDir, mg.getMetaInfoDef().getTagsList(), mg.getGraphDef().getNodeCount(), mg.getSignatureDefCount());
      for (Map.Entry<String, SignatureDef> e : new java.util.TreeMap<>(mg.getSignatureDefMap()).entrySet()) {
        SignatureDef d = e.getValue();
        out.printf("signature %s (%s)%n", e.getKey(), d.getMethodName());
        for (Map.Entry<String, TensorInfo> i : new java.util.TreeMap<>(d.getInputsMap()).entrySet()) {
          out.printf("  in  %-12s %s%n", i.getKey(), describe(i.getValue()));
        }
        for (Map.Entry<String, TensorInfo> o : new java.util.TreeMap<>(d.getOutputsMap()).entrySet()) {
          out.printf("  out %-12s %s%n", o.getKey(), describe(o.getValue()));
        }
      }
      Path manifest = modelDir.resolve(Contract.MANIFEST);
      if (Files.exists(manifest)) {
        out.println("manifest " + manifest);
      }
      try {
        OpAllowList.check(modelDir, sm);
        out.println("ops: all on the allow-list");
      } catch (ToolException e) {
        out.println("ops: " + e.getMessage().substring(modelDir.toString().length() + 2));
      }
      return 0;
    }

    private static String describe(TensorInfo t) {
      StringBuilder shape = new StringBuilder("[");
      var dims = t.getTensorShape().getDimList();
      for (int i = 0; i < dims.size(); i++) {
        shape.append(i == 0 ? "" : ",").append(dims.get(i).getSize());
      }
      shape.append(']');
      String dtype = t.getDtype().name().replace("DT_", "").toLowerCase(java.util.Locale.ROOT);
      return String.format("%-8s %-10s (%s)", dtype, t.getTensorShape().getUnknownRank() ? "?" : shape, t.getName());
    }
  }
}
