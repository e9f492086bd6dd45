package io.tfvae.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tfvae.util.StrictJson;
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
    se.add("nelbo", error(r.nelbo()));
    se.add("kl", error(r.kl()));
    se.add("rec", error(r.rec()));
    for (Map.Entry<Integer, Stat> e : r.niwae().entrySet()) {
      iw.addProperty(String.valueOf(e.getKey()), e.getValue().mean());
      iwSe.add(String.valueOf(e.getKey()), error(e.getValue()));
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
      String what,
      Evaluator.Report r,
      long seed,
      long binarizeSeed,
      double seconds) {
    out.printf(
        "%s: %d %s, binarize seed %d, noise seed %d, %.1f s%n",
        model, r.examples(), what, binarizeSeed, seed, seconds);
    out.printf("%-12s %10s %8s%n", "bound", "mean", "s.e.");
    row(out, "NELBO", r.nelbo());
    row(out, "KL", r.kl());
    row(out, "Rec", r.rec());
    for (Map.Entry<Integer, Stat> e : r.niwae().entrySet()) {
      row(out, "-IWAE-" + e.getKey(), e.getValue());
    }
  }

  private static void row(PrintWriter out, String name, Stat s) {
    if (s.count() < 2) {
      out.printf("%-12s %10.2f %8s%n", name, s.mean(), "n/a");
    } else {
      out.printf("%-12s %10.2f %8.2f%n", name, s.mean(), s.standardError());
    }
  }

  /** A standard error for JSON: null where it is undefined (fewer than two examples). */
  static JsonElement error(Stat s) {
    return StrictJson.numberOrNull(s.count() < 2 ? Double.NaN : s.standardError());
  }

  /** The surgery as JSON: each term's mean, its standard error, the active units and the method. */
  static JsonObject surgeryJson(ElboSurgery.Report r) {
    JsonObject o = new JsonObject();
    JsonObject se = new JsonObject();
    put(o, se, "average_kl", r.terms().averageKl());
    put(o, se, "mutual_information", r.terms().mutualInformation());
    put(o, se, "marginal_kl", r.terms().marginalKl());
    o.add("standard_errors", se);
    o.addProperty("active_units", r.activeUnits());
    o.addProperty("units", r.units());
    o.addProperty("units_of", r.unitsOf());
    o.addProperty(
        "estimator",
        "one code z_n ~ q(z|x_n) per test image (seeded by --seed); log q(z_n) = logsumexp_m"
            + " log q(z_n|x_m) - log N over all N test images; terms averaged over the images;"
            + " standard errors over the images with q(z) held fixed; I(x;z) <= log N; active unit:"
            + " Var_n E[z_d|x_n] > 0.01 over the units of units_of (z_1: a hierarchy's first"
            + " layer), -1 where the family gives no means ("
            + r.code()
            + " code)");
    return o;
  }

  private static void put(JsonObject o, JsonObject se, String name, Stat s) {
    o.addProperty(name, s.mean());
    se.add(name, error(s));
  }

  /** The surgery's rows in the table. */
  static void surgeryTable(PrintWriter out, ElboSurgery.Report r) {
    row(out, "avg KL", r.terms().averageKl());
    row(out, "I(x;z)", r.terms().mutualInformation());
    row(out, "marg. KL", r.terms().marginalKl());
    String label = r.unitsOf().equals("z") ? "active" : "active " + r.unitsOf();
    if (r.activeUnits() < 0) {
      out.printf(
          "%-12s %10s of %d (the family gives no posterior means)%n", label, "n/a", r.units());
    } else {
      out.printf("%-12s %10d of %d%n", label, r.activeUnits(), r.units());
    }
  }
}
