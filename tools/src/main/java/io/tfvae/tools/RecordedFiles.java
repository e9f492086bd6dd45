package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.DataFile;
import io.tfvae.data.ExampleFiles;
import io.tfvae.data.FactorFiles;
import io.tfvae.data.ImageSet;
import io.tfvae.data.ValidationSplit;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's data files a model was trained on, found again from its manifest ({@code data_files}):
 * in {@code --data-dir} when given (by file name), else where they were, and checked against their
 * recorded SHA-256 so that another file under the same name is not mistaken for them.
 */
final class RecordedFiles {
  private RecordedFiles() {}

  /**
   * The evaluation split of a model trained on files.
   *
   * @param manifest the model's manifest
   * @param split test, or valid (the validation file, or the examples held out of the training
   *     file)
   * @param dataDir the folder to look in first, or null
   * @return the examples
   */
  static ImageSet split(JsonObject manifest, String split, Path dataDir) {
    JsonObject files =
        manifest.has("data_files") ? manifest.getAsJsonObject("data_files") : new JsonObject();
    switch (split) {
      case "test":
        if (!files.has("test")) {
          throw new ToolException(
              "this model was trained on files without a test file (data.files.test);"
                  + " give --data FILE to evaluate a file of examples");
        }
        return read(files.getAsJsonObject("test"), "test", dataDir);
      case "valid":
        if (files.has("valid")) {
          return read(files.getAsJsonObject("valid"), "valid", dataDir);
        }
        ValidationSplit held = validation(manifest);
        if (held.images() == 0) {
          throw new ToolException(
              "--split valid: this model trained on every example of its training file"
                  + " (validation_images is 0 in its manifest, and no data.files.valid), so it"
                  + " has no validation split");
        }
        return held.validation(read(files.getAsJsonObject("train"), "train", dataDir));
      default:
        throw new ToolException("--split: expected test or valid, got '" + split + "'");
    }
  }

  /**
   * The validation split a manifest records: {@code validation_images} examples, drawn with {@code
   * validation_seed} or the last ones ({@code validation_carving}; absent in manifests that held
   * out the last N).
   *
   * @param manifest the model's manifest
   * @return the split
   */
  static ValidationSplit validation(JsonObject manifest) {
    int held = manifest.has("validation_images") ? manifest.get("validation_images").getAsInt() : 0;
    boolean seeded =
        manifest.has("validation_carving")
            && manifest.get("validation_carving").getAsString().equals("seeded");
    long seed = manifest.has("validation_seed") ? manifest.get("validation_seed").getAsLong() : 0;
    return new ValidationSplit(held, seeded, seed);
  }

  private static ImageSet read(JsonObject recorded, String role, Path dataDir) {
    Path file = locate(recorded, role, dataDir);
    int labelColumn = recorded.has("label_column") ? recorded.get("label_column").getAsInt() : 0;
    ImageSet images = ExampleFiles.images(file, ExampleFiles.Loading.AUTO, labelColumn).images();
    if (recorded.has("labels")) {
      Path labels = locate(recorded.getAsJsonObject("labels"), role + " labels", dataDir);
      images = images.withLabels(ExampleFiles.readLabels(labels, images.count()));
    }
    if (recorded.has("factors")) {
      Path factors = locate(recorded.getAsJsonObject("factors"), role + " factors", dataDir);
      images = images.withFactors(FactorFiles.read(factors, images.count()));
    }
    int max = recorded.has("max_value") ? recorded.get("max_value").getAsInt() : 255;
    return images.withMaxValue(max, file);
  }

  /** The recorded file, where it was or by name in dataDir, checked against its digest. */
  private static Path locate(JsonObject recorded, String role, Path dataDir) {
    Path was = Path.of(recorded.get("path").getAsString());
    Path file = dataDir != null ? dataDir.resolve(was.getFileName()) : was;
    if (!Files.exists(file)) {
      throw new ToolException(
          file
              + ": the model's "
              + role
              + " file is not there (the manifest records "
              + was
              + "); give --data-dir the folder that holds "
              + was.getFileName()
              + ", or --data FILE");
    }
    if (!DataFile.digest(file).equals(recorded.get("sha256").getAsString())) {
      throw new ToolException(
          file
              + ": not the "
              + role
              + " file the model was trained with (its SHA-256 differs from the manifest's);"
              + " give --data FILE to evaluate other examples");
    }
    return file;
  }
}
