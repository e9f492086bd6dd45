package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.distributed.ClusterSpec;
import io.tfvae.distributed.ParameterServer;
import io.tfvae.training.ReplicaWorker;
import io.tfvae.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's cluster: one parameter server and N workers on loopback ports of this JVM (one
 * gRPC server each, the others on threads), so a step pays for the runtime's serialisation, gRPC
 * and synchronisation, though not for a network.
 */
final class LoopbackCluster {
  private LoopbackCluster() {}

  /**
   * Trains a definition on the cluster and reports the milliseconds of each 100-step window after
   * the warm-up.
   *
   * @param def the definition (its batch is the global batch)
   * @param train the training images
   * @param workers N
   * @param threads TensorFlow threads of each task
   * @param warmup steps before measuring
   * @return the windows' ms per step
   */
  static List<Double> windowMs(
      ModelDefinition def, ImageSet train, int workers, int threads, long warmup) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      addresses.add(freeAddress());
    }
    ClusterSpec spec = new ClusterSpec(List.of(freeAddress()), addresses);
    Duration step = Duration.ofSeconds(120);
    Duration start = Duration.ofSeconds(300);
    List<Thread> helpers = new ArrayList<>();
    helpers.add(
        daemon(
            () ->
                ParameterServer.serve(
                    new ClusterSettings(new ClusterRole(spec, ClusterSpec.PS, 0), step, start),
                    threads)));
    for (int w = 1; w < workers; w++) {
      ClusterSettings s =
          new ClusterSettings(new ClusterRole(spec, ClusterSpec.WORKER, w), step, start);
      helpers.add(
          daemon(
              () -> {
                try (ReplicaWorker r = new ReplicaWorker(def, train, s)) {
                  r.run();
                }
              }));
    }
    WindowTimes windows = new WindowTimes(warmup);
    try (Trainer chief =
        Trainer.builder(def)
            .setTrainingData(train)
            .optCluster(
                new ClusterSettings(new ClusterRole(spec, ClusterSpec.WORKER, 0), step, start))
            .addListener(windows)
            .build()) {
      chief.fit();
    }
    for (Thread t : helpers) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return windows.ms();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "loopback-task");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String freeAddress() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
