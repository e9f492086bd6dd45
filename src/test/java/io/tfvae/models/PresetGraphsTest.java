package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.config.ModelDefinition;
import io.tfvae.nn.Parameters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * Every preset's export graph (its variables, with their shapes, and every op of its signatures, by
 * name and type, in creation order) is the one recorded in {@link #RECORDED}: a change to a block
 * or part that alters a committed model's graph shows here. When a preset is meant to change, the
 * failure prints the new lines to record.
 */
class PresetGraphsTest {
  /** Per preset: its export graph's number of ops and the SHA-256 of its op lines. */
  private static final String RECORDED =
      """
      annealed-vae 602 91372f0cf808c5facc3eedb56f9ab9fe39cac77bdcefe4c8dc53fc6cb622adac
      beta-tcvae 602 91372f0cf808c5facc3eedb56f9ab9fe39cac77bdcefe4c8dc53fc6cb622adac
      conv-iaf 3474 a137926bd0cce6c5b7963193666a113b55ccb8e95fde387aff1cac727d45056f
      conv-vae 440 a8ae1f8a713e6a7747786fcdc99ec80bd1e67831660a3c8d56f189aed48d5a33
      dip-vae 602 91372f0cf808c5facc3eedb56f9ab9fe39cac77bdcefe4c8dc53fc6cb622adac
      factor-vae 616 5a8b7b2182a53337296316259987b6205826a929dd285939d21d65b64471379c
      fsvae 381 6faf532004784ee6efe5194c7b74cd42cb9bccbb4c726c1a478336a636fe34dd
      gmvae 498 eb7669081e214fe6d640c4fb99f08e9aca688f6d8c24782c152f92292a3386a7
      gsvae 400 e1097872dca02111a1030a9002965502c0269bdb8a0f75dff8b0cda78d89a2fe
      info-vae 602 91372f0cf808c5facc3eedb56f9ab9fe39cac77bdcefe4c8dc53fc6cb622adac
      judge 23 ba505aed63621bd08fe00fd466c990520db4b7c44322aa7e43fc3d0710a0845f
      ssvae 280 eed7417b367eef19e34bc6f1db1788099130265318c5533499ed38b42bbcef90
      ssvae-cs236 280 eed7417b367eef19e34bc6f1db1788099130265318c5533499ed38b42bbcef90
      two-layer-iwae50 719 b8a28d87692938e2313568eff38f5ff67db200b9e6be1ab39b4fd0710b2a46ef
      vae 318 188b6ce9ca43df7685010c740c81ff82ebdc2f7a2fe59b02d174137f3a79fa48
      vamp 558 e403f6ac8d4c8faa1035774cb08453edb2e1febb9f42f4c23041c8fa8df136aa
      wae-mmd 602 91372f0cf808c5facc3eedb56f9ab9fe39cac77bdcefe4c8dc53fc6cb622adac
      """;

  @Test
  void everyPresetsExportGraphIsTheRecordedOne() {
    Map<String, String> actual = new TreeMap<>();
    for (String name : ModelDefinition.presets()) {
      actual.put(name, digest(ModelDefinition.preset(name)));
    }
    Map<String, String> recorded = new TreeMap<>();
    for (String line : RECORDED.strip().split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      recorded.put(parts[0], parts[1]);
    }
    StringBuilder lines = new StringBuilder();
    actual.forEach((k, v) -> lines.append(k).append(' ').append(v).append('\n'));
    assertEquals(recorded, actual, "RECORDED, if the change is meant:\n" + lines);
  }

  /**
   * With weight_norm on its encoder and decoder, a preset's networks hold {@code <layer>.v}, {@code
   * .g}, {@code .b} in place of each {@code <layer>.kernel}, {@code .bias} (v with the kernel's
   * shape, g and b with the bias's), every other variable is as it was, and the export graph holds
   * no initializer (its weights come from the checkpoint).
   */
  @ParameterizedTest
  @ValueSource(strings = {"vae", "conv-vae", "conv-iaf"})
  void weightNormReplacesEveryKernelAndBiasOfTheNetworksAndNothingElse(String preset) {
    ModelDefinition plain = ModelDefinition.preset(preset);
    ModelDefinition normed =
        plain
            .withOverride("vae.encoder.weight_norm", "true")
            .withOverride("vae.decoder.weight_norm", "true");
    Map<String, Shape> expected = new TreeMap<>();
    variables(plain, null)
        .forEach(
            (name, shape) -> {
              boolean network = name.startsWith("encoder.") || name.startsWith("decoder.");
              if (network && name.endsWith(".kernel")) {
                expected.put(name.substring(0, name.length() - ".kernel".length()) + ".v", shape);
              } else if (network && name.endsWith(".bias")) {
                // One scale and one bias per output unit.
                String layer = name.substring(0, name.length() - ".bias".length());
                expected.put(layer + ".g", shape);
                expected.put(layer + ".b", shape);
              } else {
                expected.put(name, shape);
              }
            });
    List<String> initializers = new ArrayList<>();
    assertEquals(expected, variables(normed, initializers));
    assertEquals(List.of(), initializers, "initializer ops in the export graph");
  }

  /** The variables of a preset's export graph by name, and the names of any data_init ops. */
  private static Map<String, Shape> variables(ModelDefinition def, List<String> initializers) {
    int dim = Math.toIntExact(def.data().imageShape().size());
    Map<String, Shape> out = new TreeMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Models.factory(def, dim).create(Parameters.restored(tf)).signatures(tf);
      g.operations()
          .forEachRemaining(
              op -> {
                if (op.type().equals("VariableV2")) {
                  out.put(op.name(), op.output(0).shape());
                }
                if (initializers != null && op.name().contains("data_init")) {
                  initializers.add(op.name());
                }
              });
    }
    return out;
  }

  /** "ops sha256": the number of ops and the SHA-256 of their "name type [shape]" lines. */
  private static String digest(ModelDefinition def) {
    int dim = Math.toIntExact(def.data().imageShape().size());
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Models.factory(def, dim).create(Parameters.restored(tf)).signatures(tf);
      StringBuilder text = new StringBuilder();
      int[] count = {0};
      g.operations()
          .forEachRemaining(
              op -> {
                count[0]++;
                text.append(op.name()).append(' ').append(op.type());
                if (op.type().equals("VariableV2")) {
                  text.append(' ').append(op.output(0).shape());
                }
                text.append('\n');
              });
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return count[0] + " " + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
