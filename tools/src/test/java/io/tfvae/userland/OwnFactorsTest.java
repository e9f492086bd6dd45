package io.tfvae.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.data.DataFile;
import io.tfvae.testing.NpyFiles;
import io.tfvae.userland.OwnFilesTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's images with their own ground-truth factors, as a new user would give them: a factors
 * file beside the test file in the definition, recorded in the manifest, and {@code tfvae
 * disentanglement} reading it from there with no flag; other examples with {@code --data} and
 * {@code --factors}.
 */
class OwnFactorsTest {
  @TempDir Path tmp;

  private static final int SIDE = 12;

  /** A 3×3 white square at (2x, 2y) on black, for x, y in 0..3: two factors of 4 values. */
  private static byte[] squares(int[][] factors) {
    byte[] b = new byte[factors.length * SIDE * SIDE];
    for (int i = 0; i < factors.length; i++) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          b[i * SIDE * SIDE + (2 * factors[i][1] + r) * SIDE + 2 * factors[i][0] + c] = 1;
        }
      }
    }
    return b;
  }

  /** Every (x, y) of the 4×4 grid {@code copies} times, or only those with x ≠ y. */
  private static int[][] grid(int copies, boolean complete) {
    java.util.List<int[]> rows = new java.util.ArrayList<>();
    for (int c = 0; c < copies; c++) {
      for (int x = 0; x < 4; x++) {
        for (int y = 0; y < 4; y++) {
          if (complete || x != y) {
            rows.add(new int[] {x, y});
          }
        }
      }
    }
    return rows.toArray(new int[0][]);
  }

  private static void csv(Path file, int[][] factors) throws Exception {
    StringBuilder s = new StringBuilder("x,y\n");
    for (int[] f : factors) {
      s.append(f[0]).append(',').append(f[1]).append('\n');
    }
    Files.writeString(file, s);
  }

  @Test
  void factorsBesideTheTestFileAreRecordedAndScoredWithoutAFlag() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("own"));
    int[][] train = grid(5, true);
    int[][] test = grid(2, true);
    NpyFiles.uint8(own.resolve("train.npy"), new int[] {train.length, SIDE, SIDE}, squares(train));
    NpyFiles.uint8(own.resolve("test.npy"), new int[] {test.length, SIDE, SIDE}, squares(test));
    csv(own.resolve("test_factors.csv"), test);
    Path def = own.resolve("own.pbtxt");
    Files.writeString(
        def,
        "vae { latent_dim: 2 encoder { hidden: 16 } decoder { hidden: 16 } }\n"
            + "training { batch_size: 10 steps: 20 seed: 3 threads: 1 }\n"
            + "data { binarization: NONE files { train: 'train.npy' test: 'test.npy'"
            + " test_factors: 'test_factors.csv' max_value: 1 } }\n");
    Path model = tmp.resolve("model");
    Run t = OwnFilesTest.train(def.toString(), "--export", model.toString(), "--quiet");
    assertEquals(0, t.code(), t.err());
    JsonObject recorded =
        JsonParser.parseString(Files.readString(model.resolve("assets.extra/tfvae.json")))
            .getAsJsonObject()
            .getAsJsonObject("data_files")
            .getAsJsonObject("test")
            .getAsJsonObject("factors");
    assertEquals(
        DataFile.digest(own.resolve("test_factors.csv")), recorded.get("sha256").getAsString());

    Run r = OwnFilesTest.tool("disentanglement", model.toString(), "--points", "40", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals("test examples and their factors", o.get("data").getAsString());
    assertEquals("[\"x\",\"y\"]", o.get("factors").toString());
    for (String metric :
        new String[] {"beta_vae_score", "factor_vae_score", "mig", "dci_disentanglement", "sap"}) {
      double v = o.get(metric).getAsDouble();
      assertTrue(v >= 0 && v <= 1, metric + " " + v);
    }

    // Examples that lack some combinations: the two scores that fix a factor are n/a.
    int[][] some = grid(2, false);
    Path other = Files.createDirectories(tmp.resolve("other"));
    NpyFiles.uint8(other.resolve("x.npy"), new int[] {some.length, SIDE, SIDE}, squares(some));
    csv(other.resolve("f.csv"), some);
    Run partial =
        OwnFilesTest.tool(
            "disentanglement",
            model.toString(),
            "--data",
            other.resolve("x.npy").toString(),
            "--factors",
            other.resolve("f.csv").toString(),
            "--points",
            "40");
    assertEquals(0, partial.code(), partial.err());
    assertTrue(
        partial.out().contains("BetaVAE score           n/a (needs every combination"),
        partial.out());
    assertTrue(partial.out().matches("(?s).*\\nMIG\\s+0\\.\\d{4}\\n.*"), partial.out());

    // A factors file of another length is one line naming it.
    csv(other.resolve("short.csv"), grid(1, false));
    Run bad =
        OwnFilesTest.tool(
            "disentanglement",
            model.toString(),
            "--data",
            other.resolve("x.npy").toString(),
            "--factors",
            other.resolve("short.csv").toString());
    assertEquals(1, bad.code());
    assertEquals(
        "tfvae disentanglement: error: "
            + other.resolve("short.csv")
            + ": holds the factors of 12 examples, expected 24 (one row per example)\n",
        bad.err());
  }
}
