package io.tfvae.tools;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.Map;

/** An evaluation's figures as the JSON object of {@code eval --json} and as the printed table. */
final class ResultsReport {
  private ResultsReport() {}

  /**
   * The JSON object: {@code nelbo}, {@code kl}, {@code rec}, {@code niwae} keyed by m, {@code
   * examples}, {@code standard_errors} (same keys), the seeds and the seconds taken.
   */
  static JsonObject json(Evaluator.Report r, long seed, long binarizeSeed, double seconds) {
    JsonObject o = new JsonObject();
    JsonObject se = new JsonObject();
    JsonObject iw = new JsonObject();
    JsonObject iwSe = new JsonObject();
    o.addProperty("nelbo", r.nelbo().mean());
    o.addProperty("kl", r.kl().mean());
    o.addProperty("rec", r.rec().mean());
    se.addProperty("nelbo", r.nelbo().standardError());
    se.addProperty("kl", r.kl().standardError());
    se.addProperty("rec", r.rec().standardError());
    for (Map.Entry<Integer, Stat> e : r.niwae().entrySet()) {
      iw.addProperty(String.valueOf(e.getKey()), e.getValue().mean());
      iwSe.addProperty(String.valueOf(e.getKey()), e.getValue().standardError());
    }
    se.add("niwae", iwSe);
    o.add("niwae", iw);
    o.addProperty("examples", r.examples());
    o.add("standard_errors", se);
    o.addProperty("seed", seed);
    o.addProperty("binarize_seed", binarizeSeed);
    o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
    return o;
  }

  /** The table: one row per bound with its mean and standard error. */
  static void table(
      PrintWriter out,
      String model,
      Evaluator.Report r,
      long seed,
      long binarizeSeed,
      double seconds) {
    out.printf(
        "%s: %d test images, binarize seed %d, noise seed %d, %.1f s%n",
        model, r.examples(), binarizeSeed, seed, seconds);
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
}
