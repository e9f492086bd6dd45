package io.tfvae.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.proto.Activation;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.Prior;
import io.tfvae.config.proto.VaeDef;
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
    VaeDef v = d.proto().getVae();
    assertEquals(ModelDef.ModelCase.VAE, d.proto().getModelCase());
    assertEquals(10, v.getLatentDim());
    assertEquals(List.of(300, 300), v.getEncoder().getHiddenList());
    assertEquals(List.of(300, 300), v.getDecoder().getHiddenList());
    assertEquals(Activation.ELU, v.getEncoder().getActivation());
    assertEquals(1f, v.getObjective().getBeta());
    assertEquals(Objective.BoundCase.ELBO, v.getObjective().getBoundCase());
    assertEquals(1e-3f, d.training().learningRate());
    assertEquals(100, d.training().batchSize());
    assertEquals(20000, d.training().steps());
  }

  @Test
  void everyFileInModelDefsIsAPresetEqualToThePackagedOne() throws Exception {
    List<String> files;
    try (var s = Files.list(Path.of("../model-defs"))) {
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
          ModelDefinition.preset(name).proto(),
          ModelDefinition.load(Path.of("../model-defs/" + name + ".pbtxt")).proto(),
          name);
    }
  }

  @Test
  void gmvaePresetIsTheVaeWithAMixturePriorOf500() {
    VaeDef g = ModelDefinition.preset("gmvae").proto().getVae();
    assertEquals(Prior.KindCase.MIXTURE, g.getPrior().getKindCase());
    assertEquals(500, g.getPrior().getMixture().getComponents());
    // Everything else is the VAE's.
    ModelDef vae = ModelDefinition.preset("vae").proto();
    ModelDef gm = ModelDefinition.preset("gmvae").proto();
    assertEquals(
        vae.toBuilder().clearName().setVae(vae.getVae().toBuilder().clearPrior()).build(),
        gm.toBuilder().clearName().setVae(gm.getVae().toBuilder().clearPrior()).build());
  }

  @Test
  void fsvaePresetIsTheConditionalGaussianModelOfTheHomework() {
    ModelDefinition f = ModelDefinition.preset("fsvae");
    VaeDef v = f.proto().getVae();
    assertEquals(10, v.getConditional().getClasses());
    assertEquals(0.1f, v.getLikelihood().getGaussian().getVariance());
    assertEquals(List.of(500, 500), v.getEncoder().getHiddenList());
    assertEquals(Dataset.SVHN, f.data().dataset());
  }

  @Test
  void inlineTextParsesWithSchemaDefaults() {
    ModelDefinition d =
        ModelDefinition.parse("vae { latent_dim: 4 } training { steps: 7 }", "inline");
    assertEquals(4, d.proto().getVae().getLatentDim());
    assertEquals(7, d.training().steps());
    assertEquals(100, d.training().batchSize(), "schema default");
    assertEquals(0.9f, d.training().beta1(), "schema default");
    assertEquals("vae", d.name(), "an unnamed definition is named after its model case");
  }

  @Test
  void overridesReachScalarsListsEnumsAndMessages() {
    ModelDefinition d =
        ModelDefinition.preset("vae")
            .withOverride("training.steps", "500")
            .withOverride("vae.encoder.hidden", "100,50")
            .withOverride("vae.decoder.activation", "RELU")
            .withOverride("vae.objective", "iwae { k: 3 }");
    VaeDef v = d.proto().getVae();
    assertEquals(500, d.training().steps());
    assertEquals(List.of(100, 50), v.getEncoder().getHiddenList());
    assertEquals(Activation.RELU, v.getDecoder().getActivation());
    assertEquals(Objective.BoundCase.IWAE, v.getObjective().getBoundCase());
    assertEquals(3, v.getObjective().getIwae().getK());
  }

  @Test
  void anEmptyOverrideClearsTheFieldAndAOneofMemberReplacesTheOther() {
    ModelDefinition d = ModelDefinition.preset("gmvae").withOverride("vae.prior", "");
    assertFalse(d.proto().getVae().hasPrior(), "cleared: the default prior (standard normal)");
    ModelDefinition c = ModelDefinition.preset("vae").withOverride("classifier.classes", "4");
    assertEquals(
        ModelDef.ModelCase.CLASSIFIER, c.proto().getModelCase(), "one model case at a time");
    assertFalse(c.proto().hasVae());
  }

  @Test
  void syntaxErrorNamesFileLineAndColumn() throws Exception {
    Path f = Files.writeString(tmp.resolve("bad.pbtxt"), "vae {\nencoder { hidden: [300, }\n}\n");
    ModelDefinitionException e =
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.load(f));
    assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
  }

  @Test
  void unknownFieldIsNamed() {
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class,
            () -> ModelDefinition.parse("vae { latent_dims: 3 }", "m.pbtxt"));
    assertEquals("m.pbtxt:1:7: tfvae.VaeDef has no field 'latent_dims'", e.getMessage());
  }

  /** Protobuf's text format keeps the last of two settings; a definition refuses both. */
  @Test
  void aFieldSetTwiceIsNamedWithBothValues() throws Exception {
    Path f =
        Files.writeString(
            tmp.resolve("def.pbtxt"), "name: 'a'\nvae { latent_dim: 4\n  latent_dim: 8 }\n");
    assertEquals(
        f + ":3:3: field vae.latent_dim is set twice (4 on line 2, then 8 on line 3); set it once",
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.load(f)).getMessage());
    assertEquals(
        "m.pbtxt:1:11: field name is set twice ('a' on line 1, then \"b\" on line 1); set it once",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.parse("name: 'a' name: \"b\"", "m.pbtxt"))
            .getMessage());
    assertEquals(
        "m.pbtxt:3:1: field training is set twice (lines 1 and 3); write one training { ... } block",
        assertThrows(
                ModelDefinitionException.class,
                () ->
                    ModelDefinition.parse(
                        "training { steps: 5 }\nvae {}\ntraining { seed: 3 }", "m.pbtxt"))
            .getMessage());
    assertEquals(
        "m.pbtxt:1:27: fields vae.objective.elbo (line 1) and vae.objective.iwae (line 1) are both"
            + " set; vae.objective holds one of elbo, iwae, beta_tcvae, dip_vae, capacity, mmd, factor_vae, ciwae; keep one",
        assertThrows(
                ModelDefinitionException.class,
                () ->
                    ModelDefinition.parse("vae { objective { elbo {} iwae { k: 3 } } }", "m.pbtxt"))
            .getMessage());
    assertEquals(
        "m.pbtxt:2:1: fields vae (line 1) and classifier (line 2) are both set; a definition holds"
            + " one of vae, ssvae, classifier, categorical_vae; keep one",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.parse("vae {}\nclassifier { classes: 3 }", "m.pbtxt"))
            .getMessage());
    // A syntax error before the second setting is the one reported.
    assertTrue(
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.parse("vae { latent_dim: }\nname: 'a' name: 'b'", "m.pbtxt"))
            .getMessage()
            .startsWith("m.pbtxt:1:19: "));
  }

  @Test
  void anOverrideStillReplacesAFieldTheFileSets() throws Exception {
    Path f = Files.writeString(tmp.resolve("def.pbtxt"), "vae { latent_dim: 4 }\n");
    ModelDefinition d = ModelDefinition.load(f).withOverride("vae.latent_dim", "8");
    assertEquals(8, d.proto().getVae().getLatentDim());
    ModelDefinition iwae =
        ModelDefinition.preset("vae").withOverride("vae.objective", "iwae { k: 3 }");
    assertEquals(3, iwae.proto().getVae().getObjective().getIwae().getK());
    assertEquals(
        "override vae.objective: expected a text-format Objective message, got 'iwae { k: 3 k: 5 }'"
            + " (1:13: field iwae.k is set twice (3 on line 1, then 5 on line 1); set it once)",
        assertThrows(
                ModelDefinitionException.class,
                () ->
                    ModelDefinition.preset("vae")
                        .withOverride("vae.objective", "iwae { k: 3 k: 5 }"))
            .getMessage());
  }

  /** Windows Notepad and spreadsheet programs start UTF-8 files with a byte-order mark. */
  @Test
  void aByteOrderMarkBeforeTheDefinitionIsSkipped() throws Exception {
    Path f = tmp.resolve("bom.pbtxt");
    Files.write(
        f, "\uFEFFvae { latent_dim: 4 }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(4, ModelDefinition.load(f).proto().getVae().getLatentDim());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "training { steps: 1 } | m.pbtxt: model: expected one of vae { ... }, ssvae { ... }, classifier { ... } or categorical_vae { ... } (what is trained), got none",
        "vae { latent_dim: 0 } | m.pbtxt: vae.latent_dim: expected a number in 1..65536, got 0",
        "vae { objective { beta: -1 } } | m.pbtxt: vae.objective.beta: expected a finite number >= 0, got -1.0",
        "vae {} training { batch_size: 0 } | m.pbtxt: training.batch_size: expected a number in 1..1000000, got 0",
        "vae {} training { steps: -5 } | m.pbtxt: training.steps: expected a number in 0..100000000, got -5",
        "vae { encoder { hidden: [300, 0] } } | m.pbtxt: vae.encoder.hidden: expected a number in 1..65536, got 0",
        "vae { objective { iwae { k: 0 } } } | m.pbtxt: vae.objective.iwae.k: expected a number in 1..1000000, got 0",
        "vae {} training { adam { learning_rate: 0 } } | m.pbtxt: training.adam.learning_rate: expected a finite number > 0, got 0.0",
        "vae {} training { adam { beta2: 1 } } | m.pbtxt: training.adam.beta2: expected a number in [0, 1), got 1.0",
        "vae {} training { adam { decay { rate: 0 } } } | m.pbtxt: training.adam.decay.rate: expected a number in (0, 1], got 0.0",
        "vae {} training { adam { decay { every: 0 } } } | m.pbtxt: training.adam.decay.every: expected a number in 1..100000000, got 0",
        "vae {} training { adam { learning_rate: 0.001 decay { min: 0.01 } } } | m.pbtxt: training.adam.decay.min: expected a number in [0, learning_rate = 0.001], got 0.01",
        "vae { prior { mixture { components: 0 } } } | m.pbtxt: vae.prior.mixture.components: expected a number in 1..65536, got 0",
        "vae { likelihood { gaussian { variance: 0 } } } data { binarization: NONE } | m.pbtxt: vae.likelihood.gaussian.variance: expected a finite number > 0, got 0.0",
        "vae { likelihood { gaussian { } } } | m.pbtxt: data.binarization: expected NONE with a gaussian likelihood (pixels stay in [0, 1]), got DYNAMIC",
        "vae { conditional { classes: 0 } } | m.pbtxt: vae.conditional.classes: expected a number in 1..65536, got 0",
        "ssvae { labelled { explicit { indices: [3, -1] } } } | m.pbtxt: ssvae.labelled.explicit.indices: expected indices >= 0, got -1",
        "ssvae { labelled { explicit { } } } | m.pbtxt: ssvae.labelled.explicit.indices: expected at least one training-set index, got none",
        "ssvae { gen_weight: -1 } | m.pbtxt: ssvae.gen_weight: expected a finite number >= 0, got -1.0",
        "classifier { classes: 0 } | m.pbtxt: classifier.classes: expected a number in 1..65536, got 0",
        "vae { prior { vamp { components: 0 } } } | m.pbtxt: vae.prior.vamp.components: expected a number in 1..65536, got 0",
        "vae { conditional {} prior { vamp {} } } | m.pbtxt: vae.prior: expected standard_normal or mixture for a conditional model (a VampPrior's pseudo-inputs have no label), got vamp",
        "vae { decoder { conv { reshape: [7, 7, 16] layers { upsample2d { filters: 8 } } } } } | m.pbtxt: vae.decoder.conv.layers[0] gives [14, 14, 8], expected height and width [28, 28] of the data",
        "vae { encoder { conv { layers { conv2d { filters: 8 kernel_size: 30 padding: VALID } } } } } | m.pbtxt: vae.encoder: encoder.conv_0 (conv2d): a 30x30 kernel does not fit input [28, 28, 1] with VALID padding",
        "vae { decoder { conv { reshape: [7, 7, 16] layers { residual {} } } } } | m.pbtxt: vae.decoder.conv.layers[0] gives [7, 7, 16], expected height and width [28, 28] of the data",
        "vae { decoder { conv { reshape: [7, 7] } } } | m.pbtxt: vae.decoder.conv.reshape gives [7, 7], expected height and width [28, 28] of the data",
        "vae { encoder { hidden: 8 conv { layers { conv2d { filters: 8 } } } } } | m.pbtxt: vae.encoder.hidden: expected no widths with conv (a network is an MLP or a conv network), got [8]",
        "vae { encoder { conv { layers { conv2d { } } } } } | m.pbtxt: vae.encoder.conv.layers[0].conv2d.filters: expected a number in 1..65536, got 0",
        "vae { encoder { conv { layers { } } } } | m.pbtxt: vae.encoder.conv.layers[0]: expected one of conv2d { ... }, upsample2d { ... }, residual { ... }, got none",
        "vae { conditional {} encoder { conv {} } } | m.pbtxt: vae.encoder.conv: expected an MLP (hidden) for a conditional model (its networks read one-hot labels beside the values), got a conv network",
        "classifier { network { conv {} } } | m.pbtxt: classifier.network.conv: expected an MLP (hidden): conv networks are for vae models, got a conv network",
        "vae { objective { warm_up { steps: 0 } } } | m.pbtxt: vae.objective.warm_up.steps: expected a number in 1..100000000, got 0",
        "vae { objective { free_bits { lambda: 0 } } } | m.pbtxt: vae.objective.free_bits.lambda: expected a finite number > 0 (nats), got 0.0",
        "vae { prior { mixture {} } objective { free_bits {} } } | m.pbtxt: vae.objective.free_bits.groups: expected TOTAL with prior mixture (its KL has no closed form per latent dimension), got PER_DIMENSION",
        "vae {} data { validation_images: -1 } | m.pbtxt: data.validation_images: expected a number >= 0, got -1",
        "vae { upper_layers { size: 0 } } | m.pbtxt: vae.upper_layers[0].size: expected a number in 1..65536, got 0",
        "vae { upper_layers { up { conv {} } } } | m.pbtxt: vae.upper_layers[0].up.conv: expected an MLP (hidden) between stochastic layers, got a conv network",
        "vae { upper_layers { } inference: LADDER posterior { iaf {} } } | m.pbtxt: vae.posterior: expected gaussian with inference LADDER (its top-down merge is of Gaussians; iaf is for BOTTOM_UP's top layer), got iaf",
        "vae { upper_layers { } objective { free_bits { lambda: 1 } elbo {} } } | m.pbtxt: vae.objective.free_bits.groups: expected TOTAL with upper_layers (their KL has no closed form per latent dimension), got PER_DIMENSION",
        "vae { inference: LADDER } | m.pbtxt: vae.inference: expected no inference order without upper_layers, got LADDER",
        "vae { posterior { iaf {} } objective { free_bits { lambda: 1 } elbo {} } } | m.pbtxt: vae.objective.free_bits.groups: expected TOTAL with posterior iaf (its KL has no closed form per latent dimension), got PER_DIMENSION",
        "vae { posterior { iaf { steps: 0 } } } | m.pbtxt: vae.posterior.iaf.steps: expected a number in 1..256, got 0",
        "vae {} data { validation_seed: 3 } | m.pbtxt: data.validation_seed: expected no seed unless data.validation_images > 0 are drawn (validation_carving SEEDED), got 3",
        "vae {} data { validation_images: 5 validation_carving: LAST validation_seed: 3 } | m.pbtxt: data.validation_seed: expected no seed unless data.validation_images > 0 are drawn (validation_carving SEEDED), got 3",
        "vae {} data { validation_carving: LAST } | m.pbtxt: data.validation_carving: expected no carving while data.validation_images is 0, got set",
        "vae {} data { files { train: 'a.npy' valid_labels: 'l.npy' } } | m.pbtxt: data.files.valid_labels: expected data.files.valid beside it, got no valid file",
        "vae {} data { files { train: 'a.csv' label_column: -1 } } | m.pbtxt: data.files.label_column: expected a column number >= 1 (0: no label column), got -1",
        // Upper bounds: past them a size overflows or needs more than any machine has.
        "vae { encoder { hidden: 2000000000 } } | m.pbtxt: vae.encoder.hidden: expected a number in 1..65536, got 2000000000",
        "vae { objective { iwae { k: 2000000000 } } } | m.pbtxt: vae.objective.iwae.k: expected a number in 1..1000000, got 2000000000",
        "vae { objective { iwae { k: 20000 } } } | m.pbtxt: vae.objective.iwae.k: expected k x training.batch_size <= 1000000 image-samples a step; the decoder's outputs alone would take 5.8 GiB, got 20000 x 100",
        "vae { encoder { conv { layers { conv2d { filters: 2000000000 } } } } } | m.pbtxt: vae.encoder.conv.layers[0].conv2d.filters: expected a number in 1..65536, got 2000000000",
        "vae { encoder { conv { layers { conv2d { filters: 4 kernel_size: 100000 } } } } } | m.pbtxt: vae.encoder.conv.layers[0].conv2d.kernel_size: expected a number in 1..64, got 100000",
        "vae {} training { steps: 3000000000 } | m.pbtxt: training.steps: expected a number in 0..100000000, got 3000000000",
        "vae {} training { adam { decay {} cosine {} } } | m.pbtxt: training.adam.cosine: expected no decay beside it (one schedule), got decay and cosine",
        "vae {} training { adam { learning_rate: 0.001 cosine { min: 0.01 } } } | m.pbtxt: training.adam.cosine.min: expected a number in [0, learning_rate = 0.001], got 0.01",
        "vae {} training { polyak_decay: 1 } | m.pbtxt: training.polyak_decay: expected a number in [0, 1) (0: no averaging), got 1.0",
        "vae {} training { export_average: true } | m.pbtxt: training.export_average: needs training.polyak_decay > 0 (there is no average to export); set it, or remove export_average",
        "vae {} training { adam { warmup_steps: -1 } } | m.pbtxt: training.adam.warmup_steps: expected a number in 0..100000000, got -1",
        "vae {} training { threads: 100000 } | m.pbtxt: training.threads: expected a number in 0..1024 (0: all cores), got 100000",
        "vae { posterior { iaf { steps: 1000 } } } | m.pbtxt: vae.posterior.iaf.steps: expected a number in 1..256, got 1000",
        "vae { objective { beta_tcvae { estimator: ESTIMATOR_UNSPECIFIED } } } | m.pbtxt: vae.objective.beta_tcvae.estimator: expected MINIBATCH_WEIGHTED or MINIBATCH_STRATIFIED, got ESTIMATOR_UNSPECIFIED",
        "vae { objective { dip_vae { kind: KIND_UNSPECIFIED } } } | m.pbtxt: vae.objective.dip_vae.kind: expected I or II, got KIND_UNSPECIFIED",
        "vae { objective { mmd { kernel: KERNEL_UNSPECIFIED } } } | m.pbtxt: vae.objective.mmd.kernel: expected INVERSE_MULTIQUADRATIC or RBF, got KERNEL_UNSPECIFIED",
        "vae { objective { factor_vae { beta1: 1 } } } | m.pbtxt: vae.objective.factor_vae.beta1: expected a number in [0, 1), got 1.0",
        "vae { prior { real_nvp { hidden: [8, 0] } } } | m.pbtxt: vae.prior.real_nvp.hidden: expected a number in 1..65536, got 0",
        "vae {} data { files { train: 't.npy' test_factors: 'f.csv' } } | m.pbtxt: data.files.test_factors: expected data.files.test beside it, got no test file",
        "vae { objective { ciwae { beta: 2 } } } | m.pbtxt: vae.objective.ciwae.beta: expected a number in [0, 1] (the ELBO's weight), got 2.0",
        "vae { objective { ciwae { k: 20000 } } } | m.pbtxt: vae.objective.ciwae.k: expected k x training.batch_size <= 1000000 image-samples a step; the decoder's outputs alone would take 5.8 GiB, got 20000 x 100",
      })
  void outOfRangeValuesNameFieldExpectedAndFound(String text, String message) {
    ModelDefinitionException e =
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.parse(text, "m.pbtxt"));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ssvae { gen_weight: 0 decoder { hidden: 8 } } | m.pbtxt: ssvae.decoder: not used when ssvae.gen_weight is 0 (the classifier is trained alone); remove it (--set ssvae.decoder= clears it)",
        "ssvae { gen_weight: 0 prior { standard_normal {} } } | m.pbtxt: ssvae.prior: not used when ssvae.gen_weight is 0 (the classifier is trained alone); remove it (--set ssvae.prior= clears it)",
        "vae { likelihood { gaussian { variance: 0.2 learn_variance: true } } } data { binarization: NONE } | m.pbtxt: vae.likelihood.gaussian.variance: not used with learn_variance: true (the decoder outputs the variance); remove it",
        "vae { objective { iwae {} warm_up {} } } | m.pbtxt: vae.objective.warm_up: not used with the iwae bound (it weights no KL term); remove it, or use elbo {}",
        "vae { encoder { activation: RELU conv { layers { conv2d { filters: 4 } } } } } | m.pbtxt: vae.encoder.activation: not used with conv (each layer names its own); remove it",
        "classifier { network { weight_norm: true } } | m.pbtxt: classifier.network.weight_norm: expected false (weight normalization is built for the encoder, decoder and upper_layers networks of vae models and the encoder and decoder of ssvae models), got true",
        "ssvae { classifier { weight_norm: true } } | m.pbtxt: ssvae.classifier.weight_norm: expected false (weight normalization is built for the encoder, decoder and upper_layers networks of vae models and the encoder and decoder of ssvae models), got true",
        "categorical_vae { decoder { weight_norm: true } } | m.pbtxt: categorical_vae.decoder.weight_norm: expected false (weight normalization is built for the encoder, decoder and upper_layers networks of vae models and the encoder and decoder of ssvae models), got true",
      })
  void aSettingTheModelWouldIgnoreIsAnError(String text, String message) {
    ModelDefinitionException e =
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.parse(text, "m.pbtxt"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void settingsOfOtherKindsCannotBeWritten() {
    // The schema has no place for them: an SSVAE has no objective, a classifier no encoder.
    assertEquals(
        "m.pbtxt:1:9: tfvae.SsvaeDef has no field 'objective'",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.parse("ssvae { objective { beta: 2 } }", "m.pbtxt"))
            .getMessage());
    assertEquals(
        "m.pbtxt:1:14: tfvae.ClassifierDef has no field 'encoder'",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.parse("classifier { encoder { hidden: 3 } }", "m.pbtxt"))
            .getMessage());
  }

  @Test
  void iwaeWithBetaOtherThanOneSaysWhatToUseInstead() {
    ModelDefinitionException e =
        assertThrows(
            ModelDefinitionException.class,
            () ->
                ModelDefinition.parse("vae { objective { beta: 0.5 iwae { k: 5 } } }", "m.pbtxt"));
    assertEquals(
        "m.pbtxt: vae.objective.beta: expected 1 with the iwae bound (the IWAE bound has no KL weight;"
            + " use elbo {} for a beta-VAE), got 0.5",
        e.getMessage());
  }

  @Test
  void badOverridesAreOneLineErrors() {
    ModelDefinition d = ModelDefinition.preset("vae");
    assertEquals(
        "override training.stepz: tfvae.Training has no field 'stepz'; fields: adam, batch_size, steps, seed,"
            + " threads, checkpoint_every, log_every, keep_checkpoints, precision, polyak_decay,"
            + " export_average",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("training.stepz", "1"))
            .getMessage());
    assertEquals(
        "override training.steps: expected an integer, got 'many'",
        assertThrows(ModelDefinitionException.class, () -> d.withOverride("training.steps", "many"))
            .getMessage());
    assertEquals(
        "override vae.encoder.activation: expected one of ELU RELU TANH LINEAR, got 'SIGMOID'",
        assertThrows(
                ModelDefinitionException.class,
                () -> d.withOverride("vae.encoder.activation", "SIGMOID"))
            .getMessage());
    assertEquals(
        "vae.pbtxt (override training.batch_size=0): training.batch_size: expected a number in 1..1000000, got 0",
        assertThrows(
                ModelDefinitionException.class, () -> d.withOverride("training.batch_size", "0"))
            .getMessage());
  }

  @Test
  void missingFileAndUnknownPreset() {
    assertEquals(
        tmp.resolve("x.pbtxt") + ": model definition file not found",
        assertThrows(
                ModelDefinitionException.class, () -> ModelDefinition.load(tmp.resolve("x.pbtxt")))
            .getMessage());
    assertEquals(
        "preset 'vea' does not exist; presets: vae, gmvae, fsvae, judge, ssvae, ssvae-cs236, gsvae, vamp, conv-vae, conv-iaf, two-layer-iwae50, beta-tcvae, dip-vae, annealed-vae, info-vae, wae-mmd, factor-vae",
        assertThrows(ModelDefinitionException.class, () -> ModelDefinition.preset("vea"))
            .getMessage());
  }

  @Test
  void overridesTogetherAreValidatedOnceInAnyOrder() {
    var both = new java.util.LinkedHashMap<String, String>();
    both.put("data.dataset", "BINARIZED_MNIST");
    both.put("data.binarization", "NONE");
    ModelDefinition d = ModelDefinition.preset("vae").withOverrides(both);
    assertEquals(Dataset.BINARIZED_MNIST, d.data().dataset());
    assertEquals(
        "vae.pbtxt (override data.dataset=BINARIZED_MNIST, data.binarization=NONE)", d.source());
    // Alone, the first is a contradiction, and says so.
    assertEquals(
        "vae.pbtxt (override data.dataset=BINARIZED_MNIST): data.binarization: expected NONE with dataset"
            + " BINARIZED_MNIST (its fixed binarization is used as it is), got DYNAMIC",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.preset("vae").withOverride("data.dataset", "BINARIZED_MNIST"))
            .getMessage());
  }

  @Test
  void dspritesIsBuiltInAndAlreadyBinary() {
    var both = new java.util.LinkedHashMap<String, String>();
    both.put("data.dataset", "DSPRITES");
    both.put("data.binarization", "NONE");
    ModelDefinition d = ModelDefinition.preset("vae").withOverrides(both);
    assertEquals(Dataset.DSPRITES, d.data().dataset());
    assertEquals(org.tensorflow.ndarray.Shape.of(64, 64, 1), d.data().imageShape());
    assertEquals("dsprites", d.data().sourceLabel());
    assertEquals(
        "vae.pbtxt (override data.dataset=DSPRITES): data.binarization: expected NONE with dataset"
            + " DSPRITES (its images are already 0 or 1), got DYNAMIC",
        assertThrows(
                ModelDefinitionException.class,
                () -> ModelDefinition.preset("vae").withOverride("data.dataset", "DSPRITES"))
            .getMessage());
  }
}
