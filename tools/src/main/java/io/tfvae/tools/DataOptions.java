package io.tfvae.tools;

import com.google.gson.JsonObject;
import io.tfvae.data.Binarization;
import io.tfvae.data.Datasets;
import io.tfvae.data.ExampleFiles;
import io.tfvae.data.ImageSet;
import io.tfvae.data.ValidationSplit;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the examples to evaluate come from, shared by the commands that read a test set: a file
 * ({@code --data}), or the model's own data set, found from its manifest ({@code --data-dir},
 * {@code --split}): a built-in set, or the user's files recorded at training.
 */
final class DataOptions {
  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "examples of the model's shape to evaluate: .npy (uint8 0..255; score also float32 in"
              + " [0,1]) or IDX, examples first; default: the model's own test split")
  Path dataFile;

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
          "test (default), or valid: the training images the model held out (data.validation_images),"
              + " or the data set's own validation split (binarized MNIST); choose settings on it")
  String split;

  /**
   * The evaluation split ({@code --split}) of the manifest's data set ({@code mnist} when the
   * manifest names none).
   */
  /** {@return what the examples are, for a results header: "test examples", "examples of x.npy"} */
  String examplesLabel() {
    if (dataFile != null) {
      return "examples of " + dataFile.getFileName();
    }
    return split.equals("valid") ? "validation examples" : "test examples";
  }

  ImageSet testSet(JsonObject manifest) {
    if (dataFile != null) {
      if (dataDir != null || !split.equals("test")) {
        throw new ToolException(
            "--data: give a file of examples, or the model's own data set (--data-dir, --split),"
                + " not both");
      }
      ImageSet images = ExampleFiles.read(dataFile).images();
      if (images == null) {
        throw new ToolException(
            dataFile
                + ": float32 examples; this command reads uint8 files (tfvae score reads both)");
      }
      return scaledLikeTraining(manifest, dataFile, images);
    }
    String name = manifest.has("dataset") ? manifest.get("dataset").getAsString() : "mnist";
    if (name.equals("files")) {
      return RecordedFiles.split(manifest, split, dataDir);
    }
    Datasets d = Datasets.named(name);
    switch (split) {
      case "test":
        return d.test(dataDir);
      case "valid":
        ValidationSplit held = RecordedFiles.validation(manifest);
        if (held.images() > 0) {
          // The trainer read the training split without these examples.
          return held.validation(d.train(dataDir));
        }
        if (!d.hasValidationSplit()) {
          throw new ToolException(
              "--split valid: this model trained on every training image of "
                  + d.label()
                  + " (validation_images is 0 in its manifest), so it has no validation split;"
                  + " train with data.validation_images to hold some out");
        }
        return d.validation(dataDir);
      default:
        throw new ToolException("--split: expected test or valid, got '" + split + "'");
    }
  }

  /**
   * A user's file scaled as the model's training files were ({@code max_value} in the manifest's
   * {@code data_files}): values 0..max_value become 0..255.
   */
  static ImageSet scaledLikeTraining(JsonObject manifest, Path file, ImageSet images) {
    if (!manifest.has("data_files")) {
      return images;
    }
    JsonObject train = manifest.getAsJsonObject("data_files").getAsJsonObject("train");
    int max = train != null && train.has("max_value") ? train.get("max_value").getAsInt() : 255;
    return images.withMaxValue(max, file);
  }

  /**
   * The test images as the model sees them: binarized once with the seed (evaluation protocol),
   * unless the manifest says {@code "binarization": "none"} (models of [0,1] pixels, and data sets
   * that are binary already), which see the values.
   *
   * @param test the images
   * @param manifest the model's manifest
   * @param binarizeSeed the seed of the fixed binarization
   * @return {@code count * dim} pixels
   */
  static float[] pixels(ImageSet test, JsonObject manifest, long binarizeSeed) {
    return seesValues(manifest)
        ? Binarization.scaled(test)
        : Binarization.fixed(test, binarizeSeed);
  }

  /** Whether the model takes [0,1] values as they are ({@code "binarization": "none"}). */
  static boolean seesValues(JsonObject manifest) {
    return manifest.has("binarization")
        && manifest.get("binarization").getAsString().equals("none");
  }

  /**
   * The first {@code limit} images, for {@code --limit}; all of them when it is null.
   *
   * @param test the images
   * @param limit the flag's value, or null
   * @return the images to evaluate
   */
  static ImageSet head(ImageSet test, Integer limit) {
    if (limit == null) {
      return test;
    }
    if (limit < 1) {
      throw new ToolException("--limit must be >= 1, got " + limit);
    }
    return test.head(limit);
  }
}
