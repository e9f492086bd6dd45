package io.tfvae.tools;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.tfvae.data.ImageSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae compare}: two models' bounds on the same test images with the same noise seeds, and
 * the difference A − B with its paired standard error sd(a_i − b_i) / √N.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Two models' bounds on the same images and noise, with the paired difference.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A")
  Path a;

  @Parameters(index = "1", paramLabel = "B")
  Path b;

  @CommandLine.Mixin DataOptions data = new DataOptions();

  @CommandLine.Mixin BoundOptions bounds = new BoundOptions();

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Integer> iw = bounds.iw();
    Evaluator.Report ra;
    Evaluator.Report rb;
    int n;
    try (ModelHandle ma = ModelHandle.open(a, 0, trustOption.trust);
        ModelHandle mb = ModelHandle.open(b, 0, trustOption.trust)) {
      for (String field : List.of("dataset", "binarization", "data_dim")) {
        String va = String.valueOf(ma.manifest().get(field));
        String vb = String.valueOf(mb.manifest().get(field));
        if (!va.equals(vb)) {
          throw new ToolException(
              b + ": manifest " + field + " is " + vb + ", expected " + va + " as in " + a);
        }
      }
      ImageSet test = DataOptions.head(data.testSet(ma.manifest()), bounds.limit);
      n = test.count();
      float[] x = DataOptions.pixels(test, ma.manifest(), bounds.binarizeSeed);
      int[] labels = null;
      if (test.hasLabels()) {
        labels = new int[n];
        for (int i = 0; i < n; i++) {
          labels[i] = test.label(i);
        }
      }
      ra =
          new Evaluator(ma, 500, Evaluator.DEFAULT_BUDGET, 1000)
              .evaluate(x, labels, n, test.dim(), iw, bounds.seed, null);
      rb =
          new Evaluator(mb, 500, Evaluator.DEFAULT_BUDGET, 1000)
              .evaluate(x, labels, n, test.dim(), iw, bounds.seed, null);
    }
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
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
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
        r.addProperty("paired_standard_error", rows.get(i)[2].standardError());
        r.addProperty("a_standard_error", rows.get(i)[0].standardError());
        r.addProperty("b_standard_error", rows.get(i)[1].standardError());
        o.add(names.get(i), r);
      }
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
      return 0;
    }
    out.printf(
        "A = %s, B = %s: %d test images, noise seed %d (the same on both sides)%n",
        a, b, n, bounds.seed);
    out.printf("%-12s %10s %10s %12s %10s%n", "bound", "A", "B", "A - B", "paired s.e.");
    for (int i = 0; i < names.size(); i++) {
      Stat[] r = rows.get(i);
      out.printf(
          "%-12s %10.3f %10.3f %12.3f %10.3f%n",
          names.get(i), r[0].mean(), r[1].mean(), r[2].mean(), r[2].standardError());
    }
    return 0;
  }
}
