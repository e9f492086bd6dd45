package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.Datasets;
import io.tfvae.data.ImageSet;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by the commands that read a test set. */
final class DataOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "folder with the test set's files; default: download into the cache")
  Path dataDir;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "SPLIT",
      description =
          "test (default), or valid where the data set has one (binarized MNIST): choose settings on it")
  String split;

  /**
   * The evaluation split ({@code --split}) of the manifest's data set ({@code mnist} when the
   * manifest names none).
   */
  ImageSet testSet(JsonObject manifest) {
    String name = manifest.has("dataset") ? manifest.get("dataset").getAsString() : "mnist";
    Datasets d = Datasets.named(name);
    switch (split) {
      case "test":
        return d.test(dataDir);
      case "valid":
        return d.validation(dataDir);
      default:
        throw new ToolException("--split: expected test or valid, got '" + split + "'");
    }
  }
}
