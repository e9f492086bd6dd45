package io.tfvae.tools;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.data.Datasets;
import io.tfvae.util.AtomicFiles;
import io.tfvae.util.StrictJson;
import io.tfvae.util.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stores measured figures in a SavedModel's manifest ({@code eval --record}), atomically. */
final class ManifestRecorder {
  private ManifestRecorder() {}

  /**
   * Refuses to record figures the evaluation protocol does not define, before any evaluation: the
   * manifest's figures are the model's reference, measured on the whole test split of the model's
   * own data set (for a built-in set, its official files).
   *
   * @param manifest the model's manifest
   * @param data where the examples come from
   * @param limit {@code --limit}, or null
   * @throws ToolException naming the flag that makes the figures something else
   */
  static void requireProtocol(JsonObject manifest, DataOptions data, Integer limit) {
    String why = null;
    if (limit != null) {
      why = "--limit " + limit + " measures part of the test split";
    } else if (data.dataFile != null) {
      why = "--data " + data.dataFile + " is not the model's own data set";
    } else if (!data.split.equals("test")) {
      why = "--split " + data.split + " is not the test split";
    } else if (manifest.has("dataset") && !manifest.get("dataset").getAsString().equals("files")) {
      Path unofficial =
          Datasets.named(manifest.get("dataset").getAsString()).unofficialTestFile(data.dataDir);
      if (unofficial != null) {
        why = unofficial + " is not the official test file (its SHA-256 differs)";
      }
    }
    if (why != null) {
      throw new ToolException(
          "--record: the manifest's figures are the full test split of the model's own data set,"
              + " and "
              + why
              + "; leave out --record to measure it");
    }
  }

  /**
   * Replaces the manifest's {@code figures} and keeps everything else it says.
   *
   * @param modelDir the SavedModel directory
   * @param figures what was measured
   */
  static void record(Path modelDir, JsonObject figures) {
    Path m = modelDir.resolve(Contract.MANIFEST);
    try {
      JsonObject manifest =
          Files.exists(m)
              ? JsonParser.parseString(TextFiles.readUtf8(m)).getAsJsonObject()
              : new JsonObject();
      manifest.add("figures", figures);
      AtomicFiles.writeString(m, StrictJson.toJson(manifest) + "\n");
    } catch (IOException | RuntimeException e) {
      throw new ToolException(m + ": cannot record figures: " + e.getMessage());
    }
  }
}
