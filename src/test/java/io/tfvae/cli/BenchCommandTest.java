package io.tfvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** tfvae-bench's paired comparison on random images; the figures are not checked, only reported. */
class BenchCommandTest {
  private static TrainCommandTest.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BenchCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new TrainCommandTest.Run(code, out.toString(), err.toString());
  }

  @Test
  void versusReportsAPairedRatioForEveryBatchSize() {
    TrainCommandTest.Run r =
        run(
            "--models",
            "vae",
            "--batches",
            "10,20",
            "--steps",
            "100",
            "--warmup",
            "10",
            "--pairs",
            "3",
            "--iw",
            "1",
            "--eval-images",
            "10",
            "--threads",
            "1",
            "--versus",
            "training.seed=7");
    assertEquals(0, r.code(), r.err());
    for (String b : new String[] {"10", "20"}) {
      Matcher m =
          Pattern.compile(
                  "versus training\\.seed=7, batch +"
                      + b
                      + ": +[0-9.]+ against +[0-9.]+ ms/step \\(medians\\), ratio ([0-9.]+) \\+- ([0-9.]+) \\(3 alternating")
              .matcher(r.out());
      assertTrue(m.find(), r.out());
    }
  }

  /**
   * The paired ratio by hand: log ratios ln 2, 0, −ln 2 have mean 0 (ratio 1) and standard
   * deviation ln 2, so the standard error is ln 2 / √3; the medians are 20 and 20.
   */
  @Test
  void thePairedRatioIsTheGeometricMeanWithItsStandardError() {
    PairedMeasurement.Result r =
        PairedMeasurement.of(new double[] {10, 20, 40}, new double[] {20, 20, 20});
    assertEquals(1.0, r.ratio(), 1e-12);
    assertEquals(Math.log(2) / Math.sqrt(3), r.standardError(), 1e-12);
    assertEquals(20.0, r.medianA(), 0);
    assertEquals(20.0, r.medianB(), 0);
    // B twice as slow in every pair: ratio 2, no spread.
    PairedMeasurement.Result twice =
        PairedMeasurement.of(new double[] {5, 7, 6, 9}, new double[] {10, 14, 12, 18});
    assertEquals(2.0, twice.ratio(), 1e-12);
    assertEquals(0.0, twice.standardError(), 1e-12);
  }

  @Test
  void versusWithoutAValueIsAOneLineError() {
    TrainCommandTest.Run r = run("--models", "vae", "--versus", "training.seed");
    assertEquals(1, r.code(), r.err());
    assertEquals(
        "tfvae-bench: error: --versus: expected KEY=VALUE, got 'training.seed'", r.err().trim());
  }

  @Test
  void anUnknownVersusKeyFailsBeforeAnythingIsMeasured() {
    TrainCommandTest.Run r = run("--models", "vae", "--versus", "training.nope=1");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().indexOf("train batch") < 0, r.out());
    assertTrue(r.err().trim().startsWith("tfvae-bench: error: override training.nope:"), r.err());
    assertEquals(1, r.err().trim().lines().count(), r.err());
  }
}
