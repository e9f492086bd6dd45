package io.tfvae.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.models.Vae;
import io.tfvae.nn.Activation;
import io.tfvae.nn.Mlp;
import io.tfvae.objectives.BetaTcVae;
import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.objectives.StepRecord;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainingConfig;
import io.tfvae.training.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A user writes a β-TCVAE objective of their own ({@link MyTcVae}, public types only: the step
 * record, the posterior, the code) and trains with it; its total correlation is the framework's
 * β-TCVAE's on the same step record all along (both minibatch-weighted sampling), and it trains and
 * exports.
 */
class MyTcVaeTest {
  @TempDir Path tmp;

  @Test
  void aUsersOwnTcVaeTrainsAndAgreesWithTheFrameworks() {
    var data = TinyData.images(300, 20, 7);
    MyTcVae mine = new MyTcVae(6f);
    BetaTcVae framework = new BetaTcVae(1f, 6f, 1f, BetaTcVae.Estimator.MINIBATCH_WEIGHTED);
    // Trains on the user's objective and reports the framework's TC of the same step beside it.
    Objective both =
        new Objective() {
          @Override
          public ObjectiveValue loss(Ops tf, StepRecord r, Operand<TInt64> step) {
            ObjectiveValue v = mine.loss(tf, r, step);
            Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>(v.metrics());
            metrics.put("tc", framework.loss(tf, r, step).metrics().get("tc"));
            return new ObjectiveValue(v.loss(), metrics);
          }

          @Override
          public String describe() {
            return mine.describe();
          }
        };
    Vae.Factory vae =
        Vae.builder()
            .setDataShape(Shape.of(20))
            .setLatentDim(3)
            .setEncoder(Mlp.spec(new int[] {16}, 6, Activation.ELU))
            .setDecoder(Mlp.spec(new int[] {16}, 20, Activation.ELU))
            .optObjective(both)
            .build();
    TrainingConfig config =
        TrainingConfig.builder()
            .optName("my-tcvae")
            .optBatchSize(30)
            .optSteps(40)
            .optSeed(3)
            .optThreads(1)
            .optCheckpoints(0, 1, 1)
            .build();
    try (Trainer t = Trainer.builder(vae, config).setTrainingData(data).build()) {
      for (int step = 1; step <= 40; step += 13) {
        Map<String, Double> m = t.fitTo(step).metrics();
        assertEquals(m.get("tc"), m.get("my_tc"), 1e-4 * Math.max(1, Math.abs(m.get("tc"))));
      }
      TrainingResult r = t.fit();
      assertEquals(40, r.lastStep());
      t.export(tmp.resolve("mine"));
    }
  }
}
