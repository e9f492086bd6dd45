package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.testing.TinyData;
import java.nio.file.Path;

/**
 * Run in a child JVM by CrashSafetyTest: trains the crash-test model into a checkpoint directory.
 */
public final class TrainProbe {
  static ModelDefinition definition(long steps) {
    return TinyData.tinyVae(steps).withOverride("training.checkpoint_every", "25");
  }

  public static void main(String[] args) {
    try (Trainer t =
        Trainer.builder(definition(Long.parseLong(args[1])))
            .setTrainingData(TinyData.images(300, 16, 5))
            .optCheckpointDir(Path.of(args[0]))
            .build()) {
      t.fit();
    }
  }
}
