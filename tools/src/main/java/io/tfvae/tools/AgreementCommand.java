package io.tfvae.tools;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae agreement}: how often a judge classifies a conditional model's samples as their
 * label.
 */
@Command(
    name = "agreement",
    mixinStandardHelpOptions = true,
    description =
        "The fraction of a conditional model's samples that a judge classifier assigns to the label they were drawn for.")
final class AgreementCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "GENERATOR",
      description = "SavedModel with sample_conditional")
  Path generator;

  @Option(
      names = "--judge",
      required = true,
      paramLabel = "SAVEDMODEL",
      description = "SavedModel with classify")
  Path judge;

  @Option(
      names = "--per-class",
      defaultValue = "1000",
      description = "samples per label (default ${DEFAULT-VALUE})")
  int perClass;

  @Option(names = "--seed", defaultValue = "0")
  long seed;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @CommandLine.Mixin TrustOption trustOption = new TrustOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The most samples per label: every label's samples are drawn in one call and held. */
  static final int MAX_PER_CLASS = 10_000;

  @Override
  public Integer call() {
    if (perClass < 1 || perClass > MAX_PER_CLASS) {
      throw new ToolException(
          "--per-class: expected a number in 1.." + MAX_PER_CLASS + ", got " + perClass);
    }
    try (ModelHandle gen = ModelHandle.open(generator, 0, trustOption.trust);
        ModelHandle jud = ModelHandle.open(judge, 0, trustOption.trust)) {
      int d = ConditionalSampler.outputWidth(gen, Contract.SAMPLE_CONDITIONAL);
      long judgeWidth = jud.inputWidth(Contract.CLASSIFY, Contract.X);
      if (judgeWidth > 0 && judgeWidth != d) {
        throw new ToolException(
            judge
                + ": the judge takes inputs of "
                + judgeWidth
                + " values but "
                + generator
                + " draws images of "
                + d);
      }
      // Codes from the generator's prior; every label decodes the same codes.
      float[] all =
          ConditionalSampler.perClass(gen, perClass, seed); // [classes * perClass, d], row = label
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
          int[] predicted = Accuracy.classify(jud, all, c * perClass + start, size, d);
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
        out.println(io.tfvae.util.StrictJson.toJson(o));
      } else {
        out.printf(
            "label agreement %.4f (%d of %d samples classified as the label they were drawn for)%n",
            fraction, agree, (long) classes * perClass);
        out.println("by label:" + line);
      }
    }
    return 0;
  }
}
