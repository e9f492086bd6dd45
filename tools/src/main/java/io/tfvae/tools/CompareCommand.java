package io.tfvae.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tfvae.data.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae compare}: models' bounds on the same test images with the same noise seeds, and each
 * difference A − B with its paired standard error sd(a_i − b_i) / √N. A is evaluated once however
 * many models it is compared with, which matters when A is the expensive one (a convolutional
 * decoder at m = 1000 costs as much as several MLP models).
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Models' bounds on the same images and noise, with the paired difference A - B for each B.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "the model compared")
  Path a;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "B",
      description = "one or more models to compare A with")
  List<Path> others;

  @CommandLine.Mixin DataOptions data = new DataOptions();

  @CommandLine.Mixin BoundOptions bounds = new BoundOptions();

  @Option(
      names = "--json",
      description = "print one JSON object per B (a JSON array of them when there are several)")
  boolean json;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The examples both sides are evaluated on, read once with A's manifest. */
  private record TestImages(float[] x, int[] labels, int count, int dim) {}

  @Override
  public Integer call() {
    List<Integer> iw = bounds.iw();
    JsonObject manifestA = ModelHandle.checkedManifest(a, trustOption.trust);
    for (Path b : others) {
      requireSameData(manifestA, ModelHandle.checkedManifest(b, trustOption.trust), b);
    }
    TestImages test = readTestImages(manifestA);
    PrintWriter out = spec.commandLine().getOut();
    JsonArray all = new JsonArray();
    // Each B's table is printed once B is evaluated, so an hours-long compare shows its first
    // results early and keeps them if a later model fails; JSON (one document) and a bar redrawn
    // on the terminal wait for the end.
    boolean holdTables = json || (!quiet && ProgressBars.redrawsOnTerminal());
    List<Evaluator.Report> held = new ArrayList<>();
    Evaluator.Report ra;
    long perModel = ProgressBars.total(test.count(), iw);
    try (ProgressBar bar =
        ProgressBars.imageSamples("compare", (1L + others.size()) * perModel, quiet)) {
      LongConsumer progress = bar == null ? null : bar::stepBy;
      try (ModelHandle ma = ModelHandle.open(a, 0, trustOption.trust)) {
        ra = evaluate(ma, test, iw, progress);
      }
      for (int k = 0; k < others.size(); k++) {
        try (ModelHandle mb = ModelHandle.open(others.get(k), 0, trustOption.trust)) {
          Evaluator.Report rb = evaluate(mb, test, iw, progress);
          if (holdTables) {
            held.add(rb);
          } else {
            report(out, all, others.get(k), ra, rb, iw, test.count());
          }
        }
      }
    }
    for (int k = 0; k < held.size(); k++) {
      report(out, all, others.get(k), ra, held.get(k), iw, test.count());
    }
    if (json) {
      out.println(io.tfvae.util.StrictJson.toJson(all.size() == 1 ? all.get(0) : all));
    }
    return 0;
  }

  /** B's paired rows against A: printed as a table, or added to the JSON array. */
  private void report(
      PrintWriter out,
      JsonArray all,
      Path b,
      Evaluator.Report ra,
      Evaluator.Report rb,
      List<Integer> iw,
      int n) {
    List<String> names = new ArrayList<>();
    List<Stat[]> rows = new ArrayList<>();
    names.add("NELBO");
    rows.add(new Stat[] {ra.nelbo(), rb.nelbo(), Stat.difference(ra.nelbo(), rb.nelbo())});
    for (int m : iw) {
      names.add("-IWAE-" + m);
      Stat sa = ra.niwae().get(m);
      Stat sb = rb.niwae().get(m);
      rows.add(new Stat[] {sa, sb, Stat.difference(sa, sb)});
    }
    if (json) {
      all.add(toJson(b, n, names, rows));
    } else {
      printTable(out, b, n, names, rows);
    }
  }

  private TestImages readTestImages(JsonObject manifest) {
    ImageSet set = DataOptions.head(data.testSet(manifest), bounds.limit);
    int n = set.count();
    float[] x = DataOptions.pixels(set, manifest, bounds.binarizeSeed);
    int[] labels = null;
    if (set.hasLabels()) {
      labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = set.label(i);
      }
    }
    return new TestImages(x, labels, n, set.dim());
  }

  private Evaluator.Report evaluate(
      ModelHandle model, TestImages test, List<Integer> iw, LongConsumer progress) {
    return new Evaluator(model, 500, Evaluator.DEFAULT_BUDGET, 1000)
        .evaluate(test.x(), test.labels(), test.count(), test.dim(), iw, bounds.seed, progress);
  }

  /** Paired differences only mean something on the same examples, binarized the same way. */
  private void requireSameData(JsonObject manifestA, JsonObject manifestB, Path b) {
    for (String field : List.of("dataset", "binarization", "data_dim")) {
      String va = fieldText(manifestA.get(field));
      String vb = fieldText(manifestB.get(field));
      if (!va.equals(vb)) {
        throw new ToolException(
            b + ": manifest " + field + " is " + vb + ", expected " + va + " as in " + a);
      }
    }
  }

  private static String fieldText(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "absent";
    }
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  private JsonObject toJson(Path b, int n, List<String> names, List<Stat[]> rows) {
    JsonObject o = new JsonObject();
    o.addProperty("a", a.toString());
    o.addProperty("b", b.toString());
    o.addProperty("examples", n);
    o.addProperty("seed", bounds.seed);
    for (int i = 0; i < names.size(); i++) {
      JsonObject r = new JsonObject();
      r.addProperty("a", rows.get(i)[0].mean());
      r.addProperty("b", rows.get(i)[1].mean());
      r.addProperty("difference", rows.get(i)[2].mean());
      r.add("paired_standard_error", ResultsReport.error(rows.get(i)[2]));
      r.add("a_standard_error", ResultsReport.error(rows.get(i)[0]));
      r.add("b_standard_error", ResultsReport.error(rows.get(i)[1]));
      o.add(names.get(i), r);
    }
    return o;
  }

  private void printTable(PrintWriter out, Path b, int n, List<String> names, List<Stat[]> rows) {
    out.printf(
        "A = %s, B = %s: %d %s, noise seed %d (the same on both sides)%n",
        a, b, n, data.examplesLabel(), bounds.seed);
    out.printf("%-12s %10s %10s %12s %10s%n", "bound", "A", "B", "A - B", "paired s.e.");
    for (int i = 0; i < names.size(); i++) {
      Stat[] r = rows.get(i);
      out.printf(
          "%-12s %10.3f %10.3f %12.3f %10s%n",
          names.get(i),
          r[0].mean(),
          r[1].mean(),
          r[2].mean(),
          r[2].count() < 2 ? "n/a" : String.format("%.3f", r[2].standardError()));
    }
    out.flush();
  }
}
