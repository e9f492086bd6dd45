package io.tfvae.config;

import com.google.protobuf.Message;
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
 * and inline text. Parse errors become one line with the source, line and column; a field set twice
 * is one.
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
          "two-layer-iwae50",
          "beta-tcvae",
          "dip-vae",
          "annealed-vae",
          "info-vae",
          "wae-mmd",
          "factor-vae");

  /** A parser that refuses a singular field, or a second member of a oneof, set twice. */
  private static final TextFormat.Parser ONCE =
      TextFormat.Parser.newBuilder()
          .setSingularOverwritePolicy(
              TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
          .build();

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
      merge(io.tfvae.util.TextFiles.withoutBom(text), b);
    } catch (TextFormat.ParseException e) {
      throw new ModelDefinitionException(
          source + ":" + e.getLine() + ":" + e.getColumn() + ": " + describe(e.getMessage()));
    }
    return b.build();
  }

  /**
   * Merges text-format input into a builder, refusing a field set twice (protobuf's text format
   * would keep the last silently): the error then names the field's path and both values.
   *
   * @param text text-format input
   * @param b the builder, empty
   * @throws TextFormat.ParseException at the position of a syntax error or of a second setting
   */
  static void merge(String text, Message.Builder b) throws TextFormat.ParseException {
    try {
      ONCE.merge(text, b);
    } catch (TextFormat.ParseException e) {
      // The stricter parser stopped at or after the second setting's start; an error before it is
      // another one.
      FieldsSetTwice.Found f = FieldsSetTwice.first(text, b.getDescriptorForType());
      if (f != null
          && (f.line() < e.getLine() || f.line() == e.getLine() && f.column() <= e.getColumn())) {
        throw new TextFormat.ParseException(f.line(), f.column(), f.message());
      }
      throw e;
    }
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
