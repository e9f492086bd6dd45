package io.tfvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.IdxFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tfvae-train end to end on tiny IDX files, and one line with exit code 1 for each mistake. */
class TrainCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TrainCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static void assertOneLineError(Run r, String expected) {
    assertEquals(1, r.code(), r.err());
    String err = r.err().trim();
    assertFalse(err.contains("\n"), err);
    assertFalse(err.contains("Exception"), err);
    assertEquals("tfvae-train: error: " + expected, err);
  }

  @Test
  void trainsAndExportsFromIdxFiles() throws IOException {
    Path data = IdxFiles.mnistDir(tmp.resolve("mnist"), 60, 10, 1);
    Path out = tmp.resolve("model");
    Run r =
        run(
            "vae",
            "--data-dir",
            data.toString(),
            "--steps",
            "20",
            "--set",
            "training.batch_size=10",
            "--set",
            "vae.encoder.hidden=16",
            "--set",
            "vae.decoder.hidden=16",
            "--export",
            out.toString(),
            "--quiet",
            "--tensorboard",
            tmp.resolve("tb").toString(),
            "--image-every",
            "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("trained vae: steps 20"), r.out());
    assertTrue(Files.exists(out.resolve("saved_model.pb")));
    try (var s = Files.list(tmp.resolve("tb"))) {
      assertEquals(
          1, s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).count());
    }
  }

  @Test
  void trainsOnGeneratedDspritesWithoutAnyFile() throws IOException {
    Path out = tmp.resolve("model");
    Run r =
        run(
            "vae",
            "--set",
            "data.dataset=DSPRITES",
            "--set",
            "data.binarization=NONE",
            "--steps",
            "3",
            "--set",
            "training.batch_size=8",
            "--set",
            "vae.encoder.hidden=8",
            "--set",
            "vae.decoder.hidden=8",
            "--export",
            out.toString(),
            "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("trained vae: steps 3"), r.out());
    var manifest =
        com.google.gson.JsonParser.parseString(
                Files.readString(out.resolve("assets.extra").resolve("tfvae.json")))
            .getAsJsonObject();
    assertEquals("dsprites", manifest.get("dataset").getAsString());
    assertEquals("[64,64,1]", manifest.get("image_shape").toString());
  }

  @Test
  void fsvaeTrainsOnAnSvhnMatFileOfTheOfficialLayout() throws IOException {
    Path svhn = Files.createDirectories(tmp.resolve("svhn"));
    io.tfvae.testing.MatFiles.svhn(
        svhn.resolve("train_32x32.mat"),
        40,
        32,
        32,
        3,
        "X",
        "y",
        io.tfvae.testing.MatFiles.labels(40));
    Path out = tmp.resolve("fsvae");
    Run r =
        run(
            "fsvae",
            "--data-dir",
            svhn.toString(),
            "--steps",
            "10",
            "--set",
            "training.batch_size=8",
            "--set",
            "vae.encoder.hidden=32",
            "--set",
            "vae.decoder.hidden=32",
            "--export",
            out.toString(),
            "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("trained fsvae: steps 10"), r.out());
    assertTrue(
        Files.readString(out.resolve("assets.extra/tfvae.json")).contains("\"dataset\": \"svhn\""));
    // A bad SVHN file is one line, naming the file and the variable.
    io.tfvae.testing.MatFiles.svhn(
        svhn.resolve("train_32x32.mat"),
        4,
        32,
        32,
        3,
        "images",
        "y",
        io.tfvae.testing.MatFiles.labels(4));
    assertOneLineError(
        run("fsvae", "--data-dir", svhn.toString(), "--steps", "1"),
        svhn.resolve("train_32x32.mat")
            + ": MAT variable 'X' is missing (the file holds: images, y); expected X (32x32x3xN uint8) and y (Nx1 labels)");
  }

  @Test
  void userMistakesAreOneLineErrors() throws IOException {
    Path data = IdxFiles.mnistDir(tmp.resolve("mnist"), 60, 10, 1);
    assertOneLineError(
        run(tmp.resolve("nope.pbtxt").toString(), "--data-dir", data.toString()),
        tmp.resolve("nope.pbtxt") + ": model definition file not found");
    assertOneLineError(
        run("vea", "--data-dir", data.toString()),
        "preset 'vea' does not exist; presets: vae, gmvae, fsvae, judge, ssvae, ssvae-cs236, gsvae, vamp, conv-vae, conv-iaf, two-layer-iwae50, beta-tcvae, dip-vae, annealed-vae, info-vae, wae-mmd, factor-vae");
    assertOneLineError(
        run("vae", "--data-dir", tmp.resolve("none").toString()),
        tmp.resolve("none")
            + ": data directory does not exist (give --data-dir the folder holding the MNIST IDX files,"
            + " or leave it out to download)");
    assertOneLineError(
        run("vae", "--data-dir", data.toString(), "--set", "vae.latent_dim=0"),
        "vae.pbtxt (override vae.latent_dim=0): vae.latent_dim: expected a number in 1..65536, got 0");
    assertOneLineError(
        run("vae", "--data-dir", data.toString(), "--set", "vae.objective.beta=-1"),
        "vae.pbtxt (override vae.objective.beta=-1): vae.objective.beta: expected a finite number >= 0, got -1.0");
    assertOneLineError(
        run("vae", "--data-dir", data.toString(), "--steps", "-5"),
        "vae.pbtxt (override training.steps=-5): training.steps: expected a number in 0..100000000, got -5");
    Path bad =
        Files.writeString(tmp.resolve("bad.pbtxt"), "vae {\nencoder { hidden: [3,, 4] }\n}\n");
    Run syntax = run(bad.toString(), "--data-dir", data.toString());
    assertEquals(1, syntax.code());
    assertTrue(syntax.err().trim().startsWith("tfvae-train: error: " + bad + ":2:"), syntax.err());
    String spec = "{\"ps\": [\"127.0.0.1:1\"], \"worker\": [\"127.0.0.1:2\", \"127.0.0.1:3\"]}";
    assertOneLineError(
        run("vae", "--job", "worker", "--task", "0"),
        "--job: only with --cluster; leave it out to train alone");
    assertOneLineError(
        run("vae", "--cluster", spec, "--job", "worker"),
        "--cluster: expected --job ps|worker and --task I beside it, got no --task");
    assertOneLineError(
        run("vae", "--cluster", spec, "--job", "worker", "--task", "2"),
        "--task: expected 0 to 1 (the cluster's worker tasks), got 2");
    assertOneLineError(
        run("vae", "--cluster", spec, "--job", "chief", "--task", "0"),
        "--job: expected ps or worker, got chief");
    assertOneLineError(
        run(
            "vae",
            "--cluster",
            "{\"ps\": [\"127.0.0.1\"], \"worker\": [\"127.0.0.1:2\"]}",
            "--job",
            "ps",
            "--task",
            "0"),
        "--cluster: ps: expected \"host:port\" addresses, got \"127.0.0.1\"");
    assertOneLineError(
        run(
            "vae",
            "--cluster",
            "{\"ps\": [\"127.0.0.1:1\"], \"chief\": [\"127.0.0.1:2\"]}",
            "--job",
            "ps",
            "--task",
            "0"),
        "--cluster: expected the jobs \"ps\" and \"worker\", got a job \"chief\"");
    assertOneLineError(
        run(
            "vae",
            "--cluster",
            tmp.resolve("cluster.json").toString(),
            "--job",
            "ps",
            "--task",
            "0"),
        tmp.resolve("cluster.json")
            + ": cluster specification file not found (give a JSON file, or the JSON itself)");
    assertOneLineError(
        run("vae", "--cluster", spec, "--job", "worker", "--task", "1", "--export", "x"),
        "--export: only the chief (worker 0) checkpoints, exports and logs; leave it out on"
            + " worker:1 (127.0.0.1:3)");
    Run flag = run("vae", "--steps", "many");
    assertEquals(2, flag.code());
    assertTrue(flag.err().contains("Invalid value for option '--steps'"), flag.err());
  }
}
