package io.tfvae.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.testing.TinyData;
import io.tfvae.training.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

class ExportTest {
  @TempDir static Path tmp;
  static Path exported;

  @BeforeAll
  static void trainAndExport() {
    exported = tmp.resolve("models/tiny");
    try (Trainer t =
        Trainer.builder(TinyData.tinyVae(30))
            .setTrainingData(TinyData.images(200, 20, 3))
            .build()) {
      t.fit();
      t.export(exported);
    }
  }

  @Test
  void signaturesFollowTheContract() {
    try (SavedModelBundle b = SavedModelBundle.load(exported.toString())) {
      Map<String, Set<String>> want =
          Map.of(
              "negative_elbo", Set.of("x", "seed", "nelbo", "kl", "rec"),
              "negative_iwae", Set.of("x", "m", "seed", "niwae"),
              "sample", Set.of("n", "seed", "x_mean", "z"),
              "encode", Set.of("x", "z_mean", "z_variance"),
              "decode", Set.of("z", "x_mean"),
              "log_prior", Set.of("z", "log_prob"),
              "log_posterior", Set.of("x", "z", "log_prob"),
              "sample_posterior", Set.of("x", "seed", "z", "log_prob"));
      Set<String> keys = new TreeSet<>();
      for (Signature s : b.signatures()) {
        keys.add(s.key());
        assertEquals("tensorflow/serving/predict", s.methodName(), s.key());
        Set<String> names = new TreeSet<>(s.inputNames());
        names.addAll(s.outputNames());
        assertEquals(new TreeSet<>(want.get(s.key())), names, s.key());
      }
      assertEquals(new TreeSet<>(want.keySet()), keys);
    }
  }

  @Test
  void holdsModelWeightsOnlyAndAManifest() throws IOException {
    List<String> variables = new ArrayList<>();
    try (SavedModelBundle b = SavedModelBundle.load(exported.toString())) {
      for (Iterator<GraphOperation> it = b.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VariableV2")) {
          variables.add(op.name());
        }
      }
    }
    assertEquals(
        8, variables.size(), "kernel and bias of 2 encoder and 2 decoder layers: " + variables);
    for (String v : variables) {
      assertTrue(v.matches("(encoder|decoder)\\.dense_\\d\\.(kernel|bias)"), v);
    }
    String manifest =
        Files.readString(exported.resolve("assets.extra/tfvae.json"), StandardCharsets.UTF_8);
    assertTrue(manifest.contains("\"steps\": 30"), manifest);
    assertTrue(manifest.contains("\"model_definition\""), manifest);
  }

  /**
   * Every kind of model: a fresh JVM reloading the export computes the trainer's numbers bit for
   * bit.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }",
        "vae { latent_dim: 2 prior { mixture { components: 3 } } }",
        "vae { latent_dim: 2 conditional { classes: 10 } likelihood { gaussian {} } } data { binarization: NONE }",
        "ssvae { latent_dim: 2 encoder { hidden: 8 } labelled { seeded { per_class: 2 } } }",
        "classifier { network { hidden: 8 } } data { binarization: NONE }",
        "vae { latent_dim: 2 encoder { hidden: 8 } posterior { iaf { steps: 2 hidden: 8 context: 2 } } }",
        "vae { latent_dim: 2 upper_layers { size: 2 up { hidden: 4 } down { hidden: 4 } } }",
        "vae { latent_dim: 2 upper_layers { size: 2 } inference: LADDER }",
        "vae { latent_dim: 2 upper_layers { size: 2 } posterior { iaf { steps: 1 hidden: 4 context: 2 } } }",
        "vae { latent_dim: 2 encoder { hidden: 8 } prior { real_nvp { layers: 2 hidden: [8] } } }",
        "vae { latent_dim: 2 encoder { hidden: 8 weight_norm: true } decoder { hidden: 8 weight_norm: true } }",
        "ssvae { latent_dim: 2 encoder { hidden: 8 weight_norm: true } decoder { weight_norm: true } labelled { seeded { per_class: 2 } } }",
      })
  void aFreshJvmReloadingTheSavedModelComputesTheTrainersNumbersBitForBit(String model)
      throws Exception {
    ModelDefinition def =
        ModelDefinition.parse(
            model + " training { batch_size: 10 steps: 30 seed: 4 threads: 2 }", "kind");
    Path dir = tmp.resolve("kinds/" + Math.abs(model.hashCode()));
    String trainerBits;
    try (Trainer t = Trainer.builder(def).setTrainingData(TinyData.images(200, 20, 3)).build()) {
      t.fit();
      t.export(dir);
      trainerBits = ReloadProbe.bits(t, dir);
    }
    assertTrue(trainerBits.contains(":"), trainerBits);
    assertEquals(trainerBits, ReloadProbe.inFreshJvm(dir, 20));
  }

  /**
   * A convolutional VAE (28 x 28 images: a stride-2 convolution, a residual block, transposed
   * convolutions): a fresh JVM reloading the export computes the trainer's numbers bit for bit.
   */
  @Test
  void aFreshJvmReloadingAConvolutionalVaeComputesTheTrainersNumbersBitForBit() throws Exception {
    ModelDefinition def =
        ModelDefinition.parse(
            "vae { latent_dim: 2"
                + " encoder { conv { layers { conv2d { filters: 2 strides: 2 } }"
                + " layers { residual {} } } }"
                + " decoder { conv { reshape: [7, 7, 2] layers { upsample2d { filters: 2 } }"
                + " layers { upsample2d { filters: 2 } } } } }"
                + " training { batch_size: 10 steps: 30 seed: 4 threads: 2 }",
            "conv");
    Path dir = tmp.resolve("kinds/conv");
    String trainerBits;
    try (Trainer t = Trainer.builder(def).setTrainingData(TinyData.images(200, 784, 3)).build()) {
      t.fit();
      t.export(dir);
      trainerBits = ReloadProbe.bits(t, dir);
    }
    assertTrue(trainerBits.contains(":"), trainerBits);
    assertEquals(trainerBits, ReloadProbe.inFreshJvm(dir, 784));
  }

  @Test
  void exportingAgainReplacesTheDirectoryAndLeavesNoTemporaries() throws IOException {
    try (Trainer t =
        Trainer.builder(TinyData.tinyVae(5)).setTrainingData(TinyData.images(200, 20, 3)).build()) {
      t.fit();
      Path dir = tmp.resolve("again/m");
      t.export(dir);
      t.export(dir);
      try (var s = Files.list(dir.getParent())) {
        assertEquals(List.of("m"), s.map(q -> q.getFileName().toString()).toList());
      }
      assertTrue(Files.exists(dir.resolve("saved_model.pb")));
    }
  }

  /**
   * Export replaces only an earlier export: a folder with the user's files, a file, a folder that
   * merely resembles a SavedModel, are refused before anything is written, and every byte stays.
   */
  @Test
  void exportRefusesEveryTargetThatIsNotAnEarlierExport() throws IOException {
    Path notes = Files.createDirectories(tmp.resolve("refused/notes"));
    Files.writeString(notes.resolve("todo.txt"), "mine");
    Path file = Files.writeString(tmp.resolve("refused/file.txt"), "mine too");
    Path lookalike = Files.createDirectories(tmp.resolve("refused/lookalike/variables"));
    Files.writeString(lookalike.resolveSibling("saved_model.pb"), "someone else's graph");
    try (Trainer t =
        Trainer.builder(TinyData.tinyVae(5)).setTrainingData(TinyData.images(200, 20, 3)).build()) {
      t.fit();
      Path export = tmp.resolve("refused/export");
      t.export(export);
      Files.writeString(export.resolve("assets.extra/my-notes.md"), "kept");
      for (Path target : List.of(notes, file, lookalike.getParent(), export)) {
        var e =
            assertThrows(io.tfvae.util.TfvaeException.class, () -> t.export(target), "" + target);
        assertTrue(e.getMessage().startsWith(target.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
      }
      assertEquals("mine", Files.readString(notes.resolve("todo.txt")));
      assertEquals("mine too", Files.readString(file));
      assertEquals("kept", Files.readString(export.resolve("assets.extra/my-notes.md")));
      try (var s = Files.list(tmp.resolve("refused"))) {
        assertEquals(4, s.count(), "no temporary left beside the targets");
      }
      // Asked to, it replaces what is there.
      t.export(notes, true);
      assertTrue(Files.exists(notes.resolve("saved_model.pb")));
      assertFalse(Files.exists(notes.resolve("todo.txt")));
    }
  }

  /** A temporary left by an export that was killed is removed by the next export to that place. */
  @Test
  void aTemporaryLeftByAKilledExportIsRemovedByTheNext() throws IOException {
    Path left = Files.createDirectories(tmp.resolve("killed/.m.tmp-123/variables"));
    Files.writeString(left.resolve("variables.index"), "half");
    Path aside = Files.createDirectories(tmp.resolve("killed/.m.old-456"));
    Path other = Files.createDirectories(tmp.resolve("killed/.other.tmp-1"));
    try (Trainer t =
        Trainer.builder(TinyData.tinyVae(5)).setTrainingData(TinyData.images(200, 20, 3)).build()) {
      t.fit();
      t.export(tmp.resolve("killed/m"));
    }
    assertFalse(Files.exists(left.getParent()));
    assertFalse(Files.exists(aside));
    assertTrue(Files.exists(other), "another target's temporary is not ours to remove");
  }
}
