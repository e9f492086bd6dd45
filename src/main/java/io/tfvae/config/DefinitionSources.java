package io.tfvae.config;

import com.google.protobuf.TextFormat;
import io.tfvae.config.proto.ModelDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where definitions come from: {@code .pbtxt} files, the presets packaged from {@code model-defs/},
 * and inline text. Parse errors become one line with the source, line and column.
 */
final class DefinitionSources {
  /** The presets shipped in {@code model-defs/}, without the extension. */
  static final List<String> PRESETS =
      List.of(
          "vae",
          "gmvae",
          "fsvae",
          "judge",
          "ssvae",
          "ssvae-cs236",
          "gsvae",
          "vamp",
          "conv-vae",
          "conv-iaf",
          "two-layer-iwae50");

  private DefinitionSources() {}

  static ModelDef load(Path file) {
    String text;
    try {
      text = io.tfvae.util.TextFiles.readUtf8(file);
    } catch (NoSuchFileException e) {
      throw new ModelDefinitionException(file + ": model definition file not found");
    } catch (IOException e) {
      throw new ModelDefinitionException(
          file + ": cannot read model definition: " + io.tfvae.util.Messages.describe(e));
    }
    return parse(text, file.toString());
  }

  static String presetText(String name) {
    String resource = "/model-defs/" + name + ".pbtxt";
    try (InputStream in = DefinitionSources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ModelDefinitionException(
            "preset '" + name + "' does not exist; presets: " + String.join(", ", PRESETS));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelDefinitionException("cannot read preset " + resource + ": " + e);
    }
  }

  static ModelDef parse(String text, String source) {
    ModelDef.Builder b = ModelDef.newBuilder();
    try {
      TextFormat.getParser().merge(io.tfvae.util.TextFiles.withoutBom(text), b);
    } catch (TextFormat.ParseException e) {
      throw new ModelDefinitionException(
          source + ":" + e.getLine() + ":" + e.getColumn() + ": " + describe(e.getMessage()));
    }
    return b.build();
  }

  /**
   * One line from a TextFormat message. Those start with "line:column: " (the caller prints its own
   * position), and unknown fields come as a header plus one "line:column:\tfull.Name" line each.
   */
  private static String describe(String msg) {
    String[] lines = msg.split("\n");
    String first = lines[0].replaceFirst("^\\d+:\\d+: ", "");
    if (!first.startsWith("Input contains unknown fields") || lines.length < 2) {
      return first;
    }
    StringBuilder names = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      String full = lines[i].replaceFirst("^\\d+:\\d+:\\s*", "");
      int dot = full.lastIndexOf('.');
      names
          .append(names.length() == 0 ? "" : ", ")
          .append(full, 0, Math.max(dot, 0))
          .append(" has no field '")
          .append(full.substring(dot + 1))
          .append("'");
    }
    return names.toString();
  }
}
