package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.models.Signatures;
import io.tfvae.training.Trainer;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tool's copy of the signature contract equals the framework's: the same keys, and every name
 * the tool feeds or reads is in the signatures the framework exports, for every kind of model.
 * (Tests may use the framework; the tool itself may not.)
 */
class ContractTest {
  @TempDir static Path tmp;

  @Test
  void signatureKeysAreTheFrameworksConstants() {
    assertEquals(Signatures.NEGATIVE_ELBO, Contract.NEGATIVE_ELBO);
    assertEquals(Signatures.NEGATIVE_IWAE, Contract.NEGATIVE_IWAE);
    assertEquals(Signatures.SAMPLE, Contract.SAMPLE);
    assertEquals(Signatures.ENCODE, Contract.ENCODE);
    assertEquals(Signatures.DECODE, Contract.DECODE);
    assertEquals(Signatures.SAMPLE_CONDITIONAL, Contract.SAMPLE_CONDITIONAL);
    assertEquals(Signatures.CLASSIFY, Contract.CLASSIFY);
    assertEquals(Signatures.LOG_PRIOR, Contract.LOG_PRIOR);
    assertEquals(Signatures.LOG_POSTERIOR, Contract.LOG_POSTERIOR);
    assertEquals(Signatures.SAMPLE_POSTERIOR, Contract.SAMPLE_POSTERIOR);
    assertEquals(io.tfvae.export.Manifest.PATH, Contract.MANIFEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }",
        "vae { latent_dim: 2 prior { mixture { components: 3 } } }",
        "vae { latent_dim: 2 conditional { classes: 10 } likelihood { gaussian {} } } data { binarization: NONE }",
        "ssvae { latent_dim: 2 labelled { seeded { per_class: 1 } } }",
        "classifier { network { hidden: 8 } } data { binarization: NONE }",
        "vae { latent_dim: 2 encoder { conv { layers { conv2d { filters: 4 strides: 2 } } } }"
            + " decoder { conv { reshape: [14, 14, 4] layers { upsample2d { filters: 4 } } } } }",
        "vae { latent_dim: 2 posterior { iaf { steps: 1 hidden: 4 context: 2 } } }",
        "vae { latent_dim: 2 upper_layers { size: 2 } inference: LADDER }",
      })
  void everyNameTheToolUsesIsExportedByEveryKind(String model) {
    ModelDefinition def =
        ModelDefinition.parse(
            model + " training { batch_size: 10 steps: 2 threads: 1 }", "contract");
    Path dir = tmp.resolve("m" + Math.abs(model.hashCode()));
    try (Trainer t = Trainer.builder(def).setTrainingData(CliTest.images(60, 784, 1)).build()) {
      t.fit();
      t.export(dir);
    }
    try (ModelHandle h = ModelHandle.open(dir, 1, false)) {
      assertTrue(!h.signatures().isEmpty());
      for (var e : h.signatures().entrySet()) {
        Set<String> names = new TreeSet<>(e.getValue().getInputsMap().keySet());
        names.addAll(e.getValue().getOutputsMap().keySet());
        Set<String> used = Contract.NAMES.get(e.getKey());
        assertTrue(used != null, "the tool knows signature " + e.getKey());
        for (String name : used) {
          // y is an input of the conditional models' signatures only (always of
          // sample_conditional).
          if (!name.equals("y") || e.getKey().equals(Contract.SAMPLE_CONDITIONAL)) {
            assertTrue(names.contains(name), e.getKey() + " has " + name + ": " + names);
          }
        }
      }
    }
  }
}
