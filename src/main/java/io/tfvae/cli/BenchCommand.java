package io.tfvae.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Binarization;
import io.tfvae.data.ImageSet;
import io.tfvae.data.Mnist;
import io.tfvae.models.ComputeCost;
import io.tfvae.models.Signatures;
import io.tfvae.training.Trainer;
import io.tfvae.util.Precision;
import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tfvae-bench}: per model, the median ms per training step at several batch sizes with the
 * dense layers' achieved GFLOP/s, IWAE-m evaluation throughput (image-samples per second) and the
 * time a full 10,000-image test set would take at each m, and the process's peak resident memory.
 * With {@code --peer}, the same measurements of a plain PyTorch implementation (run by {@code
 * src/bench/pytorch_peer.py}) side by side, with ratios.
 */
@Command(
    name = "tfvae-bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark training and evaluation; optionally against a PyTorch peer.")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--models",
      split = ",",
      defaultValue = "vae,gmvae,ssvae-cs236",
      description = "presets or .pbtxt files (default ${DEFAULT-VALUE})")
  List<String> models;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "MNIST folder; default: random images of MNIST's shape")
  Path dataDir;

  @Option(
      names = "--batches",
      split = ",",
      defaultValue = "25,100,400",
      description = "training batch sizes (default ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(
      names = "--steps",
      defaultValue = "600",
      description = "measured training steps per batch size (default ${DEFAULT-VALUE})")
  long steps;

  @Option(
      names = "--warmup",
      defaultValue = "100",
      description = "steps before measuring (default ${DEFAULT-VALUE})")
  long warmup;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "TensorFlow threads (0: all cores)")
  int threads;

  @Option(
      names = "--iw",
      split = ",",
      defaultValue = "1,10,100,1000",
      description = "m values for IWAE throughput")
  List<Integer> iw;

  @Option(
      names = "--eval-images",
      defaultValue = "1000",
      description = "images per evaluation measurement (200 for m >= 1000)")
  int evalImages;

  @Option(
      names = "--budget",
      defaultValue = "25000",
      description = "image-samples per IWAE call, as the tool")
  int budget;

  @Option(
      names = "--peer",
      description = "also run the PyTorch peer (src/bench/pytorch_peer.py) and print ratios")
  boolean peer;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description = "interpreter with torch for --peer")
  String python;

  @Option(
      names = "--profile",
      description =
          "also trace 20 training steps at the first batch size and print time per op type")
  boolean profile;

  @Option(
      names = "--precision",
      defaultValue = "float32",
      description =
          "float32 or bfloat16 (oneDNN's rewrite) for our side (default ${DEFAULT-VALUE})")
  String precision;

  @Option(
      names = "--versus",
      paramLabel = "KEY=VALUE",
      description =
          "also measure the training step with this definition override against the model's own"
              + " settings in one process, windows alternating, and print the ratio with its"
              + " standard error (e.g. training.precision=BFLOAT16)")
  String versus;

  @Option(
      names = "--pairs",
      defaultValue = "60",
      description = "timed windows of 20 steps per side for --versus (default ${DEFAULT-VALUE})")
  int pairs;

  @Option(
      names = "--cluster-workers",
      defaultValue = "0",
      description =
          "also train each model on a loopback cluster of 1 parameter server and N workers in this JVM"
              + " (TensorFlow's gRPC runtime) and print its ms/step beside one process's (default: off)")
  int clusterWorkers;

  @Option(
      names = "--own-data",
      split = ",",
      paramLabel = "MB",
      description =
          "instead: train the VAE from .npy files of these sizes in MB, read whole and from disk,"
              + " each run a fresh JVM, and print ms/step and peak resident memory (e.g. 50,1000)")
  List<Integer> ownData;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The presets src/bench/pytorch_peer.py implements, by name. */
  private static final List<String> PEER_MODELS = List.of("vae", "gmvae", "conv-vae");

  /** What was measured for one model. */
  record Figures(
      String kind,
      Map<Integer, Double> trainMs,
      Map<Integer, Double> trainGflops,
      Map<Integer, Double> iwaeRate,
      Map<Integer, Double> evalGflops) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (versus != null && versus.indexOf('=') <= 0) {
      throw new TfvaeException("--versus: expected KEY=VALUE, got '" + versus + "'");
    }
    if (ownData != null) {
      out.printf(
          "tfvae-bench: %s; %d cores%n",
          io.tfvae.util.MachineInfo.current(), Runtime.getRuntime().availableProcessors());
      OwnDataBench.run(ownData, steps, warmup, threads, out);
      return 0;
    }
    ImageSet train = dataDir != null ? Mnist.train(dataDir) : randomImages(60000, 784, 1);
    ImageSet test = dataDir != null ? Mnist.test(dataDir) : randomImages(10000, 784, 2);
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Precision arithmetic = Precision.parse(precision, "--precision");
    out.printf(
        "tfvae-bench: %s; %d cores, TensorFlow threads %d, precision %s, %s data; medians over windows of 100 steps after %d warm-up steps%n",
        io.tfvae.util.MachineInfo.current(),
        Runtime.getRuntime().availableProcessors(),
        t,
        arithmetic.label(),
        dataDir != null ? "MNIST" : "random",
        warmup);
    MatMulRate machine = MatMulRate.measure(t);
    out.printf(
        Locale.ROOT,
        "this machine's float32 matrix product through TensorFlow (%d threads): 2048^3 %.1f GFLOP/s,"
            + " 25000x300x784 %.1f GFLOP/s (%s); every GFLOP/s below is also shown as a percentage"
            + " of the 2048^3 rate%n",
        t,
        machine.squareGflops(),
        machine.decoderGflops(),
        machine.percentOf(machine.decoderGflops()));
    for (String name : models) {
      ModelDefinition base =
          ModelDefinition.resolve(name).withOverride("training.precision", arithmetic.name());
      // Built first, so that a wrong --versus key fails before anything is measured.
      ModelDefinition other = versus == null ? null : versusDefinition(base);
      Figures ours = measure(base, train, test, out);
      JsonObject theirs = peer ? runPeer(base.name(), t, out) : null;
      report(base, ours, theirs, machine, out);
      if (clusterWorkers > 0) {
        reportCluster(base, train, ours, out);
      }
      if (other != null) {
        reportVersus(base, other, train, out);
      }
    }
    out.printf(
        "peak resident memory of this JVM (TensorFlow included): %.0f MB%n", peakRssKb() / 1024.0);
    return 0;
  }

  private Figures measure(ModelDefinition base, ImageSet train, ImageSet test, PrintWriter out) {
    Map<Integer, Double> ms = new LinkedHashMap<>();
    Map<Integer, Double> gflops = new LinkedHashMap<>();
    Map<Integer, Double> rate = new LinkedHashMap<>();
    Map<Integer, Double> evalGflops = new LinkedHashMap<>();
    String kind = null;
    for (int b : batches) {
      ModelDefinition def = benchDefinition(base, b);
      WindowTimes windows = new WindowTimes(warmup);
      try (Trainer tr = Trainer.builder(def).setTrainingData(train).addListener(windows).build()) {
        tr.fit();
        double median = median(windows.ms());
        ms.put(b, median);
        // Forward and backward of a dense layer: about 3 x 2 x in x out FLOP per example.
        kind = tr.model().summary().kind();
        gflops.put(b, 6.0 * tr.model().cost().trainingPerExample() * b / (median / 1000) / 1e9);
        if (profile && b == batches.get(0)) {
          printProfile(tr, 20, out);
        }
        boolean hasIwae = tr.calls().keys().contains(Signatures.NEGATIVE_IWAE);
        if (hasIwae && (b == batches.get(batches.size() / 2) || batches.size() == 1)) {
          measureEval(tr, test, rate, evalGflops);
        }
      }
    }
    return new Figures(kind, ms, gflops, rate, evalGflops);
  }

  private void measureEval(
      Trainer tr, ImageSet test, Map<Integer, Double> rate, Map<Integer, Double> evalGflops) {
    int dim = test.dim();
    float[] x = Binarization.fixed(test.head(Math.min(evalImages, test.count())), 0);
    int n = x.length / dim;
    for (int m : iw) {
      int images = Math.max(1, Math.min(1000, budget / m));
      int evalN = m >= 1000 ? Math.min(n, Math.max(images, 200)) : n;
      tr.calls()
          .negativeIwae(
              Arrays.copyOfRange(x, 0, Math.min(images, evalN) * dim),
              null,
              Math.min(images, evalN),
              m,
              new long[] {9, 9});
      long start = System.nanoTime();
      for (int s = 0; s < evalN; s += images) {
        int size = Math.min(images, evalN - s);
        tr.calls()
            .negativeIwae(
                Arrays.copyOfRange(x, s * dim, (s + size) * dim), null, size, m, new long[] {0, s});
      }
      double sec = (System.nanoTime() - start) / 1e9;
      rate.put(m, (double) evalN * m / sec);
      // The encoder runs once per image, the decoder once per sample.
      ComputeCost cost = tr.model().cost();
      long macs = cost.evaluationPerImage() + cost.evaluationPerSample() * (long) m;
      evalGflops.put(m, 2.0 * macs * evalN / sec / 1e9);
    }
  }

  private void report(
      ModelDefinition def, Figures ours, JsonObject theirs, MatMulRate machine, PrintWriter out) {
    out.printf("%nmodel %s%n", def.name());
    for (Map.Entry<Integer, Double> e : ours.trainMs().entrySet()) {
      double gflops = ours.trainGflops().get(e.getKey());
      out.printf(
          "  train batch %4d: %7.3f ms/step  %8.0f examples/s  %6.1f GFLOP/s (%s)",
          e.getKey(),
          e.getValue(),
          e.getKey() * 1000.0 / e.getValue(),
          gflops,
          machine.percentOf(gflops));
      if (theirs != null && theirs.getAsJsonObject("train_ms").has(String.valueOf(e.getKey()))) {
        double p = theirs.getAsJsonObject("train_ms").get(String.valueOf(e.getKey())).getAsDouble();
        out.printf(
            "  | peer %7.3f ms/step (%d threads)  ratio %.2fx",
            p,
            theirs.getAsJsonObject("train_threads").get(String.valueOf(e.getKey())).getAsInt(),
            p / e.getValue());
      }
      out.println();
    }
    for (Map.Entry<Integer, Double> e : ours.iwaeRate().entrySet()) {
      int m = e.getKey();
      out.printf(
          "  eval -IWAE-%-5d %9.0f image-samples/s  %6.1f GFLOP/s (%s)  full test set %7.1f s",
          m,
          e.getValue(),
          ours.evalGflops().get(m),
          machine.percentOf(ours.evalGflops().get(m)),
          10000.0 * m / e.getValue());
      if (theirs != null && theirs.getAsJsonObject("iwae_rate").has(String.valueOf(m))) {
        double p = theirs.getAsJsonObject("iwae_rate").get(String.valueOf(m)).getAsDouble();
        out.printf("  | peer %9.0f image-samples/s  ratio %.2fx", p, e.getValue() / p);
      }
      out.println();
    }
    if (theirs != null) {
      out.printf(
          "  (peer: PyTorch %s, OpenBLAS core %s, best of 1 and %d threads per figure, peak"
              + " resident memory %.0f MB)%n",
          theirs.get("torch").getAsString(),
          theirs.has("blas_core") ? theirs.get("blas_core").getAsString() : "unknown",
          Runtime.getRuntime().availableProcessors(),
          theirs.has("peak_rss_mb") ? theirs.get("peak_rss_mb").getAsDouble() : Double.NaN);
    }
  }

  /**
   * A model's definition for one measurement: warm-up plus measured steps at batch b, no
   * checkpoints.
   */
  private ModelDefinition benchDefinition(ModelDefinition base, int b) {
    return base.withOverride("training.steps", String.valueOf(warmup + steps))
        .withOverride("training.batch_size", String.valueOf(b))
        .withOverride("training.threads", String.valueOf(threads))
        .withOverride("training.checkpoint_every", "0")
        .withOverride("training.log_every", "100");
  }

  /** The model's definition with the --versus override. */
  private ModelDefinition versusDefinition(ModelDefinition base) {
    int eq = versus.indexOf('=');
    return base.withOverride(versus.substring(0, eq), versus.substring(eq + 1));
  }

  /** Each batch size's step with the --versus override against without, paired in one process. */
  private void reportVersus(
      ModelDefinition base, ModelDefinition other, ImageSet train, PrintWriter out) {
    for (int b : batches) {
      PairedMeasurement.Result r =
          PairedMeasurement.measure(
              benchDefinition(base, b), benchDefinition(other, b), train, warmup, 20, pairs);
      out.printf(
          "  versus %s, batch %4d: %7.3f against %7.3f ms/step (medians), ratio %.3f +- %.3f"
              + " (%d alternating windows of 20 steps each, geometric mean +- standard error)%n",
          versus, b, r.medianB(), r.medianA(), r.ratio(), r.standardError(), r.pairs());
    }
  }

  /** The loopback cluster's ms/step at each global batch, against one process's. */
  private void reportCluster(ModelDefinition base, ImageSet train, Figures ours, PrintWriter out) {
    for (int b : batches) {
      if (b % clusterWorkers != 0) {
        out.printf(
            "  cluster batch %4d: skipped (not a multiple of %d workers)%n", b, clusterWorkers);
        continue;
      }
      ModelDefinition def = benchDefinition(base, b);
      double ms = median(LoopbackCluster.windowMs(def, train, clusterWorkers, threads, warmup));
      out.printf(
          "  cluster batch %4d: %7.3f ms/step on 1 ps + %d workers (loopback gRPC, %d per worker)"
              + "  vs one process %7.3f ms/step: %.2fx%n",
          b,
          ms,
          clusterWorkers,
          b / clusterWorkers,
          ours.trainMs().get(b),
          ms / ours.trainMs().get(b));
    }
  }

  private JsonObject runPeer(String name, int t, PrintWriter out)
      throws IOException, InterruptedException {
    if (!PEER_MODELS.contains(name)) {
      out.printf("(the PyTorch peer has no %s model; no ratios for it)%n", name);
      return null;
    }
    Path script = Path.of(System.getProperty("tfvae.root", "."), "src", "bench", "pytorch_peer.py");
    if (!Files.exists(script)) {
      throw new IllegalStateException(script + ": the PyTorch peer script is missing");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                python,
                script.toString(),
                "--model",
                name,
                "--batches",
                join(batches),
                "--steps",
                String.valueOf(steps),
                "--warmup",
                String.valueOf(warmup),
                "--threads",
                t == 1 ? "1" : "1," + t,
                "--iw",
                join(iw),
                "--eval-images",
                String.valueOf(evalImages),
                "--budget",
                String.valueOf(budget)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || json.isEmpty()) {
      throw new IllegalStateException(
          "the PyTorch peer failed (" + String.join(" ", cmd) + "); is python3-torch installed?");
    }
    String last = json.substring(json.lastIndexOf('\n') + 1);
    return JsonParser.parseString(last).getAsJsonObject();
  }

  private static String join(List<Integer> v) {
    return String.join(",", v.stream().map(String::valueOf).toList());
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length == 0 ? Double.NaN : a[a.length / 2];
  }

  /** Traces steps and prints op types by total time per step (from TensorFlow's step stats). */
  static void printProfile(Trainer t, int steps, PrintWriter out) {
    Map<String, Double> byType = new java.util.HashMap<>();
    Map<String, Integer> products = new java.util.TreeMap<>();
    Map<String, String> transposed = new java.util.HashMap<>();
    for (int i = 0; i < steps; i++) {
      org.tensorflow.proto.RunMetadata md = t.profileStep();
      if (i == 0) {
        // What the rewrites left: the element type of every matrix product actually run.
        for (var g : md.getPartitionGraphsList()) {
          for (var n : g.getNodeList()) {
            if (n.getOp().contains("MatMul") && n.getAttrMap().containsKey("T")) {
              products.merge(
                  n.getOp() + " " + n.getAttrMap().get("T").getType().name(), 1, Integer::sum);
              // Backward products multiply by a transpose: x^T dy for weights, dy W^T for inputs.
              var attrs = n.getAttrMap();
              boolean ta = attrs.containsKey("transpose_a") && attrs.get("transpose_a").getB();
              boolean tb = attrs.containsKey("transpose_b") && attrs.get("transpose_b").getB();
              transposed.put(n.getName(), ta ? " (A^T B)" : tb ? " (A B^T)" : " (A B)");
            }
          }
        }
      }
      for (var dev : md.getStepStats().getDevStatsList()) {
        for (var n : dev.getNodeStatsList()) {
          String label = n.getTimelineLabel();
          int eq = label.indexOf(" = ");
          int paren = label.indexOf('(', eq + 3);
          String type = eq >= 0 && paren > eq ? label.substring(eq + 3, paren) : n.getNodeName();
          type += transposed.getOrDefault(n.getNodeName(), "");
          byType.merge(
              type, (double) (n.getOpEndRelMicros() - n.getOpStartRelMicros()), Double::sum);
        }
      }
    }
    double total = byType.values().stream().mapToDouble(Double::doubleValue).sum();
    out.printf(
        "  profile (traced, so slower): %.0f us of op time per step; matrix products run: %s;"
            + " op types by time:%n",
        total / steps, products);
    byType.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12)
        .forEach(
            e ->
                out.printf(
                    "    %-28s %8.0f us/step %5.1f%%%n",
                    e.getKey(), e.getValue() / steps, 100 * e.getValue() / total));
  }

  static ImageSet randomImages(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] p = new byte[n * dim];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) r.nextInt(256);
    }
    return new ImageSet(p, new byte[n], n, dim);
  }

  /** Peak resident set size of this process (VmHWM), native memory included; -1 if unknown. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    io.tfvae.util.StandardOutput out = new io.tfvae.util.StandardOutput();
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(out.exitCode("tfvae-bench", run(args, out.writer(), err), err));
  }

  /**
   * Runs the command with the given streams.
   *
   * @param args command-line arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new io.tfvae.util.Errors());
    return cmd.execute(args);
  }
}
