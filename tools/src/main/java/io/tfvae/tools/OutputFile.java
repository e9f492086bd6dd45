package io.tfvae.tools;

import io.tfvae.util.OutputPaths;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --out} file of a command that reads a SavedModel (and perhaps examples): checked
 * before any work, so that it never replaces the model's own files or the data it reads, and so
 * that an unwritable place is found before minutes of evaluation, not after.
 */
final class OutputFile {
  private OutputFile() {}

  /**
   * Checks an output file against the command's inputs and its place.
   *
   * @param out the {@code --out} path
   * @param modelDir the SavedModel read
   * @param data where examples come from, or null
   */
  static void check(Path out, Path modelDir, DataOptions data) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("the SavedModel", modelDir);
    inputs.put("the SavedModel's graph", modelDir.resolve("saved_model.pb"));
    inputs.put("the SavedModel's variables", modelDir.resolve("variables"));
    inputs.put("the SavedModel's manifest", modelDir.resolve(Contract.MANIFEST));
    if (data != null) {
      inputs.put("--data", data.dataFile);
      inputs.put("--data-dir", data.dataDir);
    }
    OutputPaths.requireNotInput("--out", out, inputs);
    OutputPaths.requireOutside(
        "--out", out, "the SavedModel's variables", modelDir.resolve("variables"));
    OutputPaths.requireWritable("--out", out, false);
  }
}
