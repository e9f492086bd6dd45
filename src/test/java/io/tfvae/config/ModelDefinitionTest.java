package io.tfvae.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.config.proto.Activation;
import io.tfvae.config.proto.Objective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelDefinitionTest {
  @TempDir Path tmp;

  @Test
  void vaePresetHasTheReferenceSettings() {
    ModelDefinition d = ModelDefinition.preset("vae");
    assertEquals(10, d.latentDim());
    assertArrayEquals(new int[] {300, 300}, d.encoderHidden());
    assertArrayEquals(new int[] {300, 300}, d.decoderHidden());
    assertEquals(Activation.ELU, d.encoderActivation());
    assertEquals(1f, d.beta());
    assertEquals(1e-3f, d.learningRate());
    assertEquals(100, d.batchSize());
    assertEquals(20000, d.steps());
    assertEquals(Objective.BoundCase.ELBO, d.bound());
  }

  @Test
  void everyFileInModelDefsIsAPresetEqualToThePackagedOne() throws Exception {
    List<String> files;
    try (var s = java.nio.file.Files.list(Path.of("../model-defs"))) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".pbtxt"))
              .map(n -> n.substring(0, n.length() - ".pbtxt".length()))
              .sorted()
              .toList();
    }
    assertEquals(ModelDefinition.presets().stream().sorted().toList(), files);
    for (String name : files) {
      assertEquals(
          ModelDefinition.preset(name).proto(), ModelDefinition.load(Path.of("../model-defs/" + name + ".pbtxt")).proto(), name);
    }
  }

  @Test
  void gmvaePresetIsTheVaeWithAMixturePriorOf500() {
    ModelDefinition g = ModelDefinition.preset("gmvae");
    assertEquals(io.tfvae.config.proto.Prior.KindCase.MIXTURE, g.priorKind());
    assertEquals(500, g.mixtureComponents());
    assertEquals(ModelDefinition.load(Path.of("../model-defs/gmvae.pbtxt")).proto(), g.proto());
    // Everything else is the VAE's.
    var vae = ModelDefinition.preset("vae").proto().toBuilder().clearName().clearPrior().build();
    assertEquals(vae, g.proto().toBuilder().clearName().clearPrior().build());
  }

  @Test
  void fsvaePresetIsTheConditionalGaussianModelOfTheHomework() {
    ModelDefinition f = ModelDefinition.preset("fsvae");
    assertEquals(true, f.conditional());
    assertEquals(10, f.classes());
    assertEquals(0.1f, f.gaussianVariance());
    assertArrayEquals(new int[] {500, 500}, f.encoderHidden());
    assertEquals(io.tfvae.config.proto.Dataset.SVHN, f.dataset());
    assertEquals(ModelDefinition.load(Path.of("../model-defs/fsvae.pbtxt")).proto(), f.proto());
  }

  @Test
  void inlineTextParsesWithSchemaDefaults() {
    ModelDefinition d = ModelDefinition.parse("latent_dim: 4 training { steps: 7 }", "inline");
    assertEquals(4, d.latentDim());
    assertEquals(7, d.steps());
    assertEquals(100, d.batchSize(), "schema default");
    assertEquals(0.9f, d.adamBeta1(), "schema default");
  }

  @Test
  void overridesReachScalarsListsEnumsAndMessages() {
    ModelDefinition d =
        ModelDefinition.preset("vae")
            .withOverride("training.steps", "500")
            .withOverride("encoder.hidden", "100,50")
            .withOverride("decoder.activation", "RELU")
            .withOverride("objective", "iwae { k: 3 }");
    assertEquals(500, d.steps());
    assertArrayEquals(new int[] {100, 50}, d.encoderHidden());
    assertEquals(Activation.RELU, d.decoderActivation());
    assertEquals(Objective.BoundCase.IWAE, d.bound());
    assertEquals(3, d.iwaeK());
  }

  @Test
  void syntaxErrorNamesFileLineAndColumn() throws Exception {
    Path f = Files.writeString(tmp.resolve("bad.pbtxt"), "latent_dim: 10\nencoder { hidden: [300, }\n");
    ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> ModelDefinition.load(f));
    assertEquals(f + ":2:", e.getMessage().substring(0, (f + ":2:").length()), e.getMessage());
  }

  @Test
  void unknownFieldIsNamed() {
    ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> ModelDefinition.parse("latent_dims: 3", "m.pbtxt"));
    assertEquals("m.pbtxt:1:1: tfvae.ModelDef has no field 'latent_dims'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "latent_dim: 0 | m.pbtxt: latent_dim: expected a number > 0, got 0",
        "objective { beta: -1 } | m.pbtxt: objective.beta: expected a finite number >= 0, got -1.0",
        "training { batch_size: 0 } | m.pbtxt: training.batch_size: expected a number > 0, got 0",
        "training { steps: -5 } | m.pbtxt: training.steps: expected a number >= 0, got -5",
        "encoder { hidden: [300, 0] } | m.pbtxt: encoder.hidden: expected a number > 0, got 0",
        "objective { iwae { k: 0 } } | m.pbtxt: objective.iwae.k: expected a number > 0, got 0",
        "training { adam { learning_rate: 0 } } | m.pbtxt: training.adam.learning_rate: expected a finite number > 0, got 0.0",
        "training { adam { beta2: 1 } } | m.pbtxt: training.adam.beta2: expected a number in [0, 1), got 1.0",
        "prior { mixture { components: 0 } } | m.pbtxt: prior.mixture.components: expected a number > 0, got 0",
        "likelihood { gaussian { variance: 0 } } data { binarization: NONE } | m.pbtxt: likelihood.gaussian.variance: expected a finite number > 0, got 0.0",
        "likelihood { gaussian { } } | m.pbtxt: data.binarization: expected NONE with a gaussian likelihood (pixels stay in [0, 1]), got DYNAMIC",
        "semi_supervised { labelled_indices: [3, -1] } | m.pbtxt: semi_supervised.labelled_indices: expected indices >= 0, got -1",
      })
  void outOfRangeValuesNameFieldExpectedAndFound(String text, String message) {
    ModelDefinitionException e = assertThrows(ModelDefinitionException.class, () -> ModelDefinition.parse(text, "m.pbtxt"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void iwaeWithBetaOtherThanOneSaysWhatToUseInstead() {
    ModelDefinitionException e =
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.parse("objective { beta: 0.5 iwae { k: 5 } }", "m.pbtxt"));
    assertEquals("m.pbtxt: objective.beta: expected 1 with the iwae bound (the IWAE bound has no KL weight;"
        + " use elbo {} for a beta-VAE), got 0.5", e.getMessage());
  }

  @Test
  void badOverridesAreOneLineErrors() {
    ModelDefinition d = ModelDefinition.preset("vae");
    assertEquals("override training.stepz: tfvae.Training has no field 'stepz'; fields: adam, batch_size, steps, seed,"
            + " threads, checkpoint_every, log_every, keep_checkpoints",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("training.stepz", "1")).getMessage());
    assertEquals("override training.steps: expected an integer, got 'many'",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("training.steps", "many")).getMessage());
    assertEquals("override encoder.activation: expected one of ELU RELU TANH, got 'SIGMOID'",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("encoder.activation", "SIGMOID")).getMessage());
    assertEquals("vae.pbtxt (override training.batch_size=0): training.batch_size: expected a number > 0, got 0",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("training.batch_size", "0")).getMessage());
  }

  @Test
  void missingFileAndUnknownPreset() {
    assertEquals(tmp.resolve("x.pbtxt") + ": model definition file not found",
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.load(tmp.resolve("x.pbtxt"))).getMessage());
    assertEquals("preset 'vea' does not exist; presets: vae, gmvae, fsvae, judge, ssvae, ssvae-cs236",
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.preset("vea")).getMessage());
  }
}
