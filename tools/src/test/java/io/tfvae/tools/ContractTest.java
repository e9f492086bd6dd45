package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.config.ModelDefinition;
import io.tfvae.models.Signatures;
import io.tfvae.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.SignatureDef;

/**
 * The contract is one table: {@link Contract#TABLE}. The tools' README and the framework's export
 * Javadoc print the same table, its keys are the framework's constants, and every kind of model
 * exports exactly the signatures its parts' capabilities give, with no name outside the table.
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
    assertEquals(10, table().size(), "one row per key: " + table().keySet());
  }

  @Test
  void theToolsReadmePrintsTheTable() throws IOException {
    String doc = Files.readString(Path.of("README.md"));
    String section = doc.substring(doc.indexOf("## SavedModel signature contract"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    Map<String, String> rows = new TreeMap<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        // Cells split at unescaped pipes; names are in backticks.
        String[] cells = line.split("(?<!\\\\)\\|");
        rows.put(
            names(cells[1], BACKTICKS).get(0),
            names(cells[2], BACKTICKS) + " -> " + names(cells[3], BACKTICKS));
      }
    }
    assertEquals(table(), rows);
  }

  @Test
  void theExportPackageJavadocPrintsTheTable() throws IOException {
    String doc =
        Files.readString(Path.of("../src/main/java/io/tfvae/export/package-info.java"))
            .replaceAll("\n \\* ?", " ");
    Map<String, String> rows = new TreeMap<>();
    Matcher row = Pattern.compile("<tr><td>(.*?)</tr>").matcher(doc);
    while (row.find()) {
      String[] cells = row.group(1).split("</td>\\s*<td>");
      rows.put(
          names(cells[0], CODE).get(0), names(cells[1], CODE) + " -> " + names(cells[2], CODE));
    }
    assertEquals(table(), rows);
  }

  private static final Pattern BACKTICKS = Pattern.compile("`([a-z0-9_]+)`");
  private static final Pattern CODE = Pattern.compile("\\{@code\\s+([a-z0-9_]+)}");

  private static List<String> names(String cell, Pattern name) {
    List<String> out = new ArrayList<>();
    Matcher m = name.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Contract's table as the documents write it: inputs (y last), then outputs. */
  private static Map<String, String> table() {
    Map<String, String> out = new TreeMap<>();
    for (Contract.Entry e : Contract.TABLE) {
      List<String> in = new ArrayList<>(e.inputs());
      in.addAll(e.labelInputs());
      List<String> outputs = new ArrayList<>(e.outputs());
      outputs.addAll(e.familyOutputs());
      out.put(e.key(), in + " -> " + outputs);
    }
    return out;
  }

  /**
   * A model kind, what its parts can answer (the signatures it must export, exactly), the outputs
   * its posterior family gives in encode, and the signatures that take labels y.
   */
  record Kind(
      String name, String definition, Set<String> keys, Set<String> encodes, Set<String> y) {
    @Override
    public String toString() {
      return name;
    }
  }

  // Every latent-variable model: the bound, the prior, the codes.
  private static final Set<String> LATENT =
      Set.of(
          Contract.NEGATIVE_ELBO,
          Contract.SAMPLE,
          Contract.ENCODE,
          Contract.DECODE,
          Contract.LOG_PRIOR);

  // A posterior over the whole code that is one family with a density.
  private static final Set<String> DENSITY =
      plus(LATENT, Contract.NEGATIVE_IWAE, Contract.LOG_POSTERIOR, Contract.SAMPLE_POSTERIOR);

  private static final Set<String> GAUSSIAN = Set.of(Contract.Z_MEAN, Contract.Z_VARIANCE);
  private static final Set<String> NO_LABELS = Set.of();
  private static final String MLP = " encoder { hidden: 8 } decoder { hidden: 8 }";

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("vae", "vae { latent_dim: 2" + MLP + " }", DENSITY, GAUSSIAN, NO_LABELS),
        new Kind(
            "gmvae",
            "vae { latent_dim: 2" + MLP + " prior { mixture { components: 3 } } }",
            DENSITY,
            GAUSSIAN,
            NO_LABELS),
        new Kind(
            "vamp",
            "vae { latent_dim: 2" + MLP + " prior { vamp { components: 3 } } }",
            DENSITY,
            GAUSSIAN,
            NO_LABELS),
        new Kind(
            "real_nvp prior",
            "vae { latent_dim: 2" + MLP + " prior { real_nvp { layers: 2 hidden: 4 } } }",
            DENSITY,
            GAUSSIAN,
            NO_LABELS),
        new Kind(
            "conditional (fsvae)",
            "vae { latent_dim: 2"
                + MLP
                + " conditional { classes: 10 } likelihood { gaussian {} } }"
                + " data { binarization: NONE }",
            // The decoder reads labels; the model observes them in every signature but log_prior.
            plus(DENSITY, Contract.SAMPLE_CONDITIONAL),
            GAUSSIAN,
            minus(plus(DENSITY, Contract.SAMPLE_CONDITIONAL), Contract.LOG_PRIOR)),
        new Kind(
            "conv",
            "vae { latent_dim: 2 encoder { conv { layers { conv2d { filters: 4 strides: 2 } } } }"
                + " decoder { conv { reshape: [14, 14, 4] layers { upsample2d { filters: 4 } } } } }",
            DENSITY,
            GAUSSIAN,
            NO_LABELS),
        new Kind(
            "iaf",
            "vae { latent_dim: 2" + MLP + " posterior { iaf { steps: 1 hidden: 4 context: 2 } } }",
            DENSITY,
            Set.of(Contract.Z0_MEAN, Contract.Z0_VARIANCE),
            NO_LABELS),
        new Kind(
            "hierarchical bottom-up",
            "vae { latent_dim: 2" + MLP + " upper_layers { size: 2 } inference: BOTTOM_UP }",
            DENSITY,
            Set.of(Contract.Z1_MEAN, Contract.Z1_VARIANCE),
            NO_LABELS),
        new Kind(
            "ladder",
            "vae { latent_dim: 2" + MLP + " upper_layers { size: 2 } inference: LADDER }",
            DENSITY,
            Set.of(Contract.Z1_BOTTOM_UP_MEAN, Contract.Z1_BOTTOM_UP_VARIANCE),
            NO_LABELS),
        new Kind(
            "categorical",
            "categorical_vae { variables: 2 classes: 3" + MLP + " }",
            // A mass over one-hot codes draws and scores them (IWAE) but has no density.
            plus(LATENT, Contract.NEGATIVE_IWAE),
            Set.of(Contract.Z_PROBABILITIES),
            NO_LABELS),
        new Kind(
            "ssvae",
            "ssvae { latent_dim: 2 labelled { seeded { per_class: 1 } } }",
            // q(y, z | x) is no single family (the bound sums y out); y is latent, read by the
            // codes' signatures and the decoder.
            plus(LATENT, Contract.CLASSIFY, Contract.SAMPLE_CONDITIONAL),
            GAUSSIAN,
            Set.of(Contract.ENCODE, Contract.DECODE, Contract.SAMPLE_CONDITIONAL)),
        new Kind(
            "ssvae, gen_weight 0",
            "ssvae { latent_dim: 2 gen_weight: 0 labelled { seeded { per_class: 1 } } }",
            Set.of(Contract.CLASSIFY),
            Set.of(),
            NO_LABELS),
        new Kind(
            "classifier",
            "classifier { network { hidden: 8 } } data { binarization: NONE }",
            Set.of(Contract.CLASSIFY),
            Set.of(),
            NO_LABELS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyKindExportsWhatItsPartsAnswerWithinTheTable(Kind kind) {
    ModelDefinition def =
        ModelDefinition.parse(
            kind.definition() + " training { batch_size: 10 steps: 2 threads: 1 }", "contract");
    Path dir = tmp.resolve(kind.name().replaceAll("[^a-z0-9]", "_"));
    try (Trainer t = Trainer.builder(def).setTrainingData(CliTest.images(60, 784, 1)).build()) {
      t.fit();
      t.export(dir);
    }
    Map<String, Contract.Entry> table = new LinkedHashMap<>();
    Contract.TABLE.forEach(e -> table.put(e.key(), e));
    try (ModelHandle h = ModelHandle.open(dir, 1, false)) {
      assertEquals(new TreeSet<>(kind.keys()), new TreeSet<>(h.signatures().keySet()));
      Set<String> takingY = new TreeSet<>();
      for (Map.Entry<String, SignatureDef> e : h.signatures().entrySet()) {
        Contract.Entry row = table.get(e.getKey());
        Set<String> inputs = e.getValue().getInputsMap().keySet();
        Set<String> outputs = e.getValue().getOutputsMap().keySet();
        String where = e.getKey() + " " + inputs + " -> " + outputs;
        assertTrue(inputs.containsAll(row.inputs()), where);
        assertTrue(outputs.containsAll(row.outputs()), where);
        assertTrue(plus(row.inputs(), row.labelInputs()).containsAll(inputs), where);
        assertTrue(plus(row.outputs(), row.familyOutputs()).containsAll(outputs), where);
        if (inputs.contains(Contract.Y)) {
          takingY.add(e.getKey());
        }
        if (e.getKey().equals(Contract.ENCODE)) {
          assertEquals(kind.encodes(), outputs, where);
        }
      }
      assertEquals(new TreeSet<>(kind.y()), takingY, "the signatures that take y");
    }
  }

  private static Set<String> plus(Set<String> base, String... more) {
    return plus(base, List.of(more));
  }

  private static Set<String> plus(Collection<String> base, List<String> more) {
    Set<String> out = new TreeSet<>(base);
    out.addAll(more);
    return out;
  }

  private static Set<String> minus(Set<String> base, String name) {
    Set<String> out = new TreeSet<>(base);
    out.remove(name);
    return out;
  }
}
