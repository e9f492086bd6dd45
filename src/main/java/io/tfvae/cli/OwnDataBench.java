package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.DataFile;
import io.tfvae.data.ExampleFiles;
import io.tfvae.data.ImageSet;
import io.tfvae.training.Trainer;
import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code tfvae-bench --own-data 50,1000}: the VAE trained from a user's {@code .npy} file of each
 * size, read whole ({@code IN_MEMORY}) or by rows from disk ({@code FROM_DISK}), each run in a
 * fresh JVM so that its peak resident memory (VmHWM) is its own. The file is read by the trainer's
 * own path ({@link DataFile#read}). The smallest file's two loadings run alternately, {@link
 * #REPETITIONS} times each, so that the step-time ratio is taken in one sitting.
 */
final class OwnDataBench {
  /** Runs of each loading of the smallest file, alternating, for the step-time ratio. */
  private static final int REPETITIONS = 3;

  private OwnDataBench() {}

  /** One run's figures. */
  record Figures(double msPerStep, double peakRssMb) {}

  /**
   * Writes the files, runs the children and prints the table.
   *
   * @param sizesMb file sizes in MB (10^6 bytes)
   * @param steps measured steps
   * @param warmup steps before measuring
   * @param threads TensorFlow threads (0: all cores)
   * @param out where the table goes
   */
  static void run(List<Integer> sizesMb, long steps, long warmup, int threads, PrintWriter out)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tfvae-own-data");
    try {
      out.printf(
          "%nown data: vae, batch 100, uint8 .npy [N, 28, 28] of random pixels, median ms/step of"
              + " %d steps after %d; each run a fresh JVM (-Xmx3g)%n",
          steps, warmup);
      out.printf(
          "  %8s  %-10s  %8s  %11s  %13s%n",
          "file", "loading", "ms/step", "examples/s", "peak RSS");
      List<Path> files = new ArrayList<>();
      for (int mb : sizesMb) {
        files.add(write(dir.resolve(mb + "MB.npy"), mb));
      }
      int smallest = sizesMb.indexOf(sizesMb.stream().min(Integer::compare).orElseThrow());
      List<Double> memory = new ArrayList<>();
      List<Double> disk = new ArrayList<>();
      Figures smallInMemory = null;
      Figures smallFromDisk = null;
      Figures largestFromDisk = null;
      for (int rep = 0; rep < REPETITIONS; rep++) {
        Figures a = child(files.get(smallest), "IN_MEMORY", steps, warmup, threads);
        Figures b = child(files.get(smallest), "FROM_DISK", steps, warmup, threads);
        memory.add(a.msPerStep());
        disk.add(b.msPerStep());
        print(out, sizesMb.get(smallest), "in memory", a);
        print(out, sizesMb.get(smallest), "from disk", b);
        smallInMemory = a;
        smallFromDisk = b;
      }
      for (int i = 0; i < files.size(); i++) {
        if (i == smallest) {
          continue;
        }
        Figures c = child(files.get(i), "FROM_DISK", steps, warmup, threads);
        print(out, sizesMb.get(i), "from disk", c);
        largestFromDisk = c;
        print(
            out,
            sizesMb.get(i),
            "in memory",
            child(files.get(i), "IN_MEMORY", steps, warmup, threads));
      }
      double ratio =
          disk.stream().mapToDouble(Double::doubleValue).sum()
              / memory.stream().mapToDouble(Double::doubleValue).sum();
      out.printf(
          Locale.ROOT,
          "  step from disk / in memory (%d MB, sum of the %d alternating runs each): %.3f%n",
          sizesMb.get(smallest),
          REPETITIONS,
          ratio);
      if (largestFromDisk != null) {
        out.printf(
            Locale.ROOT,
            "  peak RSS, %d MB from disk minus %d MB in memory: %+.0f MB%n",
            sizesMb.stream().max(Integer::compare).orElseThrow(),
            sizesMb.get(smallest),
            largestFromDisk.peakRssMb() - smallInMemory.peakRssMb());
        out.printf(
            Locale.ROOT,
            "  peak RSS, %d MB from disk minus %d MB from disk: %+.0f MB%n",
            sizesMb.stream().max(Integer::compare).orElseThrow(),
            sizesMb.get(smallest),
            largestFromDisk.peakRssMb() - smallFromDisk.peakRssMb());
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static void print(PrintWriter out, int mb, String loading, Figures f) {
    out.printf(
        Locale.ROOT,
        "  %5d MB  %-10s  %8.3f  %11.0f  %10.0f MB%n",
        mb,
        loading,
        f.msPerStep(),
        100 * 1000 / f.msPerStep(),
        f.peakRssMb());
    out.flush();
  }

  /** A .npy file of about {@code mb} MB: uint8 [N, 28, 28] of random pixels. */
  private static Path write(Path file, int mb) throws IOException {
    int n = (int) (mb * 1_000_000L / 784);
    String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ", 28, 28), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad % 64) + "\n";
    SplittableRandom random = new SplittableRandom(1);
    try (OutputStream o = Files.newOutputStream(file)) {
      o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      o.write(header.length() & 0xff);
      o.write(header.length() >> 8);
      o.write(header.getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[784 * 1000];
      for (int done = 0; done < n; done += 1000) {
        int rows = Math.min(1000, n - done);
        for (int i = 0; i < rows * 784; i++) {
          chunk[i] = (byte) random.nextInt(256);
        }
        o.write(chunk, 0, rows * 784);
      }
    }
    return file;
  }

  private static Figures child(Path file, String loading, long steps, long warmup, int threads)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Files.createTempFile("tfvae-own-data", ".log");
    try {
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx3g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  OwnDataBench.class.getName(),
                  file.toString(),
                  loading,
                  String.valueOf(steps),
                  String.valueOf(warmup),
                  String.valueOf(threads))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      int code = p.waitFor();
      List<String> lines = Files.readAllLines(log);
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      if (code != 0 || !last.startsWith("figures ")) {
        throw new TfvaeException(
            "own-data benchmark run (" + file.getFileName() + ", " + loading + ") failed: " + last);
      }
      String[] f = last.split(" ");
      return new Figures(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } finally {
      Files.delete(log);
    }
  }

  /**
   * One run: trains the VAE preset from the file and prints {@code figures MS_PER_STEP
   * PEAK_RSS_MB}.
   *
   * @param args file, loading, steps, warm-up steps, threads
   */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    ExampleFiles.Loading loading = ExampleFiles.Loading.valueOf(args[1]);
    long steps = Long.parseLong(args[2]);
    long warmup = Long.parseLong(args[3]);
    ImageSet train = DataFile.read("train", file, null, 255, loading, 0).images();
    ModelDefinition def =
        ModelDefinition.resolve("vae")
            .withOverride("training.steps", String.valueOf(warmup + steps))
            .withOverride("training.batch_size", "100")
            .withOverride("training.threads", args[4])
            .withOverride("training.checkpoint_every", "0")
            .withOverride("training.log_every", "100");
    WindowTimes windows = new WindowTimes(warmup);
    try (Trainer t = Trainer.builder(def).setTrainingData(train).addListener(windows).build()) {
      t.fit();
    }
    double[] ms = windows.ms().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT, "figures %.4f %.1f%n", ms[ms.length / 2], BenchCommand.peakRssKb() / 1024.0);
  }
}
