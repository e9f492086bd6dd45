package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.distributed.ClusterSpec;
import io.tfvae.testing.FreshJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One parameter server and two workers, each its own JVM on loopback ports chosen at run time,
 * train the tiny VAE through TensorFlow's gRPC runtime (see {@link ClusterProbe}).
 */
class ClusterTest {
  private static final long STEPS = 200;

  /**
   * Per-coordinate bound on |w_cluster − w_single| after 200 Adam steps. The two runs compute the
   * same sums in different orders (each worker's mean over 10 rows, then the mean of the two,
   * against one mean over 20 rows), so each gradient may differ in its last bits (~1e-7 relative),
   * and Adam's normalised steps carry such differences forward. Measured here: 6e-8 (one float32
   * ulp of weights near 1). The bound leaves two orders of magnitude for other CPUs' kernels; a
   * broken split (another batch, other noise, the sum instead of the mean, a skipped worker) moves
   * weights by 1e-2 or more: see the control below (0.059).
   */
  private static final double TOLERANCE = 1e-5;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twoWorkersAtBatch10TrainLikeOneProcessAtBatch20() throws Exception {
    Path dir = tmp.resolve("c");
    Map<String, float[]> cluster = runCluster(dir, STEPS, -1).weights;
    // Worker 1 really computed its half of every step, and the parameter server was told to stop.
    assertEquals(
        "worker ran " + STEPS + " steps", Files.readString(dir.resolve("worker1.log")).strip());
    assertEquals("ps ended: DONE", Files.readString(dir.resolve("ps0.log")).strip());
    Map<String, float[]> single = ClusterProbe.singleProcess(STEPS, tmp.resolve("single"));
    assertEquals(single.keySet(), cluster.keySet());
    double worst = maxDifference(single, cluster);
    System.out.println("cluster vs one process: max |dw| = " + worst);
    assertTrue(worst < TOLERANCE, "max |w_cluster - w_single| = " + worst);
    // Control: one process at the per-worker batch (10) lands far outside the bound.
    Map<String, float[]> half;
    try (Trainer t =
        Trainer.builder(ClusterProbe.definition(STEPS).withOverride("training.batch_size", "10"))
            .setTrainingData(
                io.tfvae.testing.TinyData.images(ClusterProbe.IMAGES, ClusterProbe.DIM, 5))
            .build()) {
      t.fit();
      half = t.weights();
    }
    double control = maxDifference(single, half);
    System.out.println("control (one process at batch 10): max |dw| = " + control);
    assertTrue(control > 100 * TOLERANCE, "the control differs: " + control);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aDeadWorkerStopsTheChiefWithOneLineAndTheClusterResumesExactly() throws Exception {
    Path dir = tmp.resolve("killed");
    Run killed = runCluster(dir, STEPS, 60);
    assertEquals(3, killed.chiefExit, "chief's exit code; stderr: " + killed.chiefErr);
    String line = killed.chiefErr.strip();
    assertEquals(1, line.lines().count(), "one line: " + line);
    assertTrue(
        line.matches(
            "step \\d+: worker:1 \\(127\\.0\\.0\\.1:\\d+\\) sent no gradients within 5 s \\(dead or"
                + " unreachable\\); training stopped; last good checkpoint: .*ckpt-0+\\d+"),
        line);
    System.out.println("the chief's error: " + line);
    long failedAt = Long.parseLong(line.substring(5, line.indexOf(':')));
    Run resumed = runCluster(dir, STEPS, -1);
    assertEquals(0, resumed.chiefExit, resumed.chiefErr);
    String start = Files.readString(dir.resolve("worker0.log")).lines().findFirst().orElse("");
    System.out.println("resumed: " + start);
    long from = Long.parseLong(start.substring(start.lastIndexOf(' ') + 1));
    assertTrue(from >= 50 && from < failedAt, "resumed from the last checkpoint: " + start);
    Run straight = runCluster(tmp.resolve("straight"), STEPS, -1);
    for (String k : straight.weights.keySet()) {
      assertArrayEquals(straight.weights.get(k), resumed.weights.get(k), k + " bit for bit");
    }
  }

  record Run(Map<String, float[]> weights, int chiefExit, String chiefErr) {}

  /** Starts ps, chief and worker 1; kills worker 1 once a checkpoint at or past killAt exists. */
  private Run runCluster(Path ckpt, long steps, long killAt) throws Exception {
    String spec = new ClusterSpec(List.of(address()), List.of(address(), address())).toJson();
    Files.createDirectories(ckpt);
    Path out = ckpt.resolve("weights.bin");
    Files.deleteIfExists(out);
    List<Process> all = new ArrayList<>();
    try {
      Process ps = start("ps", 0, spec, ckpt, steps, out);
      all.add(ps);
      Process chief = start("worker", 0, spec, ckpt, steps, out);
      all.add(chief);
      Process worker = start("worker", 1, spec, ckpt, steps, out);
      all.add(worker);
      if (killAt >= 0) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (newest(ckpt) < killAt && chief.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(worker.isAlive(), "worker 1 finished before the kill; raise STEPS");
        worker.destroyForcibly();
      }
      assertTrue(chief.waitFor(240, TimeUnit.SECONDS), "the chief ends");
      // The chief's end tells the others to stop; give them time to say so in their logs (on a
      // loaded machine they can take seconds) before the finally block ends any that hang.
      ps.waitFor(60, TimeUnit.SECONDS);
      if (worker.isAlive()) {
        worker.waitFor(60, TimeUnit.SECONDS);
      }
      String err = new String(chief.getErrorStream().readAllBytes());
      Map<String, float[]> w = chief.exitValue() == 0 ? ClusterProbe.read(out) : null;
      return new Run(w, chief.exitValue(), err);
    } finally {
      for (Process p : all) {
        p.destroyForcibly();
      }
    }
  }

  private static long newest(Path dir) {
    return new Checkpoints(dir, 2).latest().map(Checkpoints.Checkpoint::step).orElse(-1L);
  }

  private Process start(String job, int task, String spec, Path ckpt, long steps, Path out)
      throws IOException {
    Path log = ckpt.resolve(job + task + ".log");
    ProcessBuilder b =
        FreshJvm.command(
                ClusterProbe.class,
                job,
                String.valueOf(task),
                spec,
                ckpt.toString(),
                String.valueOf(steps),
                out.toString(),
                "5")
            .redirectOutput(log.toFile());
    b.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    if (!(job.equals("worker") && task == 0)) {
      b.redirectError(ckpt.resolve(job + task + ".err").toFile());
    }
    return b.start();
  }

  /** A free loopback port, found by binding port 0 and letting it go. */
  private static String address() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }

  private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double worst = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs((double) x[i] - y[i]));
      }
    }
    return worst;
  }
}
