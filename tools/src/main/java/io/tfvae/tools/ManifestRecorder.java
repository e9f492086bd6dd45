package io.tfvae.tools;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tfvae.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stores measured figures in a SavedModel's manifest ({@code eval --record}), atomically. */
final class ManifestRecorder {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private ManifestRecorder() {}

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
              ? JsonParser.parseString(Files.readString(m, StandardCharsets.UTF_8))
                  .getAsJsonObject()
              : new JsonObject();
      manifest.add("figures", figures);
      AtomicFiles.writeString(m, GSON.toJson(manifest) + "\n");
    } catch (IOException | RuntimeException e) {
      throw new ToolException(m + ": cannot record figures: " + e.getMessage());
    }
  }
}
