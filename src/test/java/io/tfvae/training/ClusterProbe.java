package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.distributed.ClusterSpec;
import io.tfvae.distributed.ParameterServer;
import io.tfvae.testing.TinyData;
import io.tfvae.util.TfvaeException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run in child JVMs by ClusterTest: one task of a cluster training the tiny VAE through the Java
 * API. Arguments: job task cluster-json checkpoint-dir steps weights-out step-timeout-s. The chief
 * writes the final weights to weights-out; any task prints a failure's one line to stderr and exits
 * 3.
 */
public final class ClusterProbe {
  static final int IMAGES = 400;
  static final int DIM = 16;

  /** The tiny VAE at global batch 20, one thread, checkpoints every 25 steps. */
  static ModelDefinition definition(long steps) {
    return TinyData.tinyVae(steps)
        .withOverrides(
            Map.of(
                "training.batch_size", "20",
                "training.checkpoint_every", "25",
                "training.threads", "1"));
  }

  public static void main(String[] args) throws IOException {
    String job = args[0];
    int task = Integer.parseInt(args[1]);
    ClusterSpec spec = ClusterSpec.parse(args[2], "probe");
    Path ckpt = Path.of(args[3]);
    long steps = Long.parseLong(args[4]);
    Path out = Path.of(args[5]);
    Duration timeout = Duration.ofSeconds(Long.parseLong(args[6]));
    ClusterSettings settings =
        new ClusterSettings(new ClusterRole(spec, job, task), timeout, Duration.ofSeconds(120));
    ModelDefinition def = definition(steps);
    var data = TinyData.images(IMAGES, DIM, 5);
    try {
      if (settings.role().isParameterServer()) {
        System.out.println("ps ended: " + ParameterServer.serve(settings, 1));
      } else if (!settings.role().isChief()) {
        try (ReplicaWorker w = new ReplicaWorker(def, data, settings)) {
          System.out.println("worker ran " + w.run() + " steps");
        }
      } else {
        try (Trainer t =
            Trainer.builder(def)
                .setTrainingData(data)
                .optCheckpointDir(ckpt)
                .optCluster(settings)
                .build()) {
          System.out.println("chief starts at step " + t.step());
          t.fit();
          write(t.weights(), out);
        }
      }
    } catch (TfvaeException e) {
      System.err.println(e.getMessage());
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
    System.out.flush();
    // A TensorFlow server cannot be stopped from Java: end the process.
    Runtime.getRuntime().halt(0);
  }

  /** The single-process reference at the same global batch. */
  static Map<String, float[]> singleProcess(long steps, Path ckpt) {
    try (Trainer t =
        Trainer.builder(definition(steps))
            .setTrainingData(TinyData.images(IMAGES, DIM, 5))
            .optCheckpointDir(ckpt)
            .build()) {
      t.fit();
      return t.weights();
    }
  }

  static void write(Map<String, float[]> weights, Path out) throws IOException {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(tmp))) {
      d.writeInt(weights.size());
      for (var e : weights.entrySet()) {
        d.writeUTF(e.getKey());
        d.writeInt(e.getValue().length);
        for (float f : e.getValue()) {
          d.writeFloat(f);
        }
      }
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static Map<String, float[]> read(Path in) throws IOException {
    Map<String, float[]> m = new java.util.LinkedHashMap<>();
    try (var d = new java.io.DataInputStream(Files.newInputStream(in))) {
      int n = d.readInt();
      for (int i = 0; i < n; i++) {
        String k = d.readUTF();
        float[] v = new float[d.readInt()];
        for (int j = 0; j < v.length; j++) {
          v[j] = d.readFloat();
        }
        m.put(k, v);
      }
    }
    return m;
  }
}
