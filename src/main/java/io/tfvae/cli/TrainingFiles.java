package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.DataException;
import io.tfvae.data.DataFile;
import io.tfvae.data.Datasets;
import io.tfvae.data.ImageSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The training split a definition names: a built-in data set's, or the user's own file ({@code
 * data.files}), whose path is taken from {@code --data-dir} when given, else from the definition
 * file's folder. The user's files (and the test file beside them, checked now so that a wrong path
 * is found before hours of training) are recorded for the manifest.
 *
 * @param train the whole training split
 * @param files the user's files read, for the manifest (empty for a built-in set)
 */
record TrainingFiles(ImageSet train, List<DataFile> files) {
  /** {@return one training image's [H, W, C] from the file's shape, or null for a built-in set} */
  Shape imageShape() {
    if (files.isEmpty()) {
      return null;
    }
    int[] s = files.get(0).shape();
    return switch (s.length) {
      case 3 -> Shape.of(s[1], s[2], 1);
      case 4 -> Shape.of(s[1], s[2], s[3]);
      default -> Shape.of(s[1]);
    };
  }

  static TrainingFiles read(ModelDefinition def, Path dataDir) {
    var d = def.data();
    if (!d.fromFiles()) {
      return new TrainingFiles(Datasets.named(d.dataset().name()).train(dataDir), List.of());
    }
    List<DataFile> files = new ArrayList<>();
    DataFile.Read train =
        read(def, dataDir, "train", d.trainFile(), d.trainLabels(), d.trainFactors());
    files.add(train.file());
    checkValues(def, train);
    // The validation and test files are checked now, so that a wrong path or label is found before
    // hours of training; the tools read them again through the manifest.
    if (d.validFile() != null) {
      files.add(
          read(def, dataDir, "valid", d.validFile(), d.validLabels(), d.validFactors()).file());
    }
    if (d.testFile() != null) {
      files.add(read(def, dataDir, "test", d.testFile(), d.testLabels(), d.testFactors()).file());
    }
    return new TrainingFiles(train.images(), files);
  }

  private static DataFile.Read read(
      ModelDefinition def, Path dataDir, String role, String file, String labels, String factors) {
    var d = def.data();
    DataFile.Read r =
        DataFile.read(
            role,
            resolve(def, dataDir, file, role),
            labels == null ? null : resolve(def, dataDir, labels, role + "_labels"),
            d.maxValue(),
            d.loading(),
            d.labelColumn(),
            factors == null ? null : resolve(def, dataDir, factors, role + "_factors"));
    checkLabels(def, r);
    return r;
  }

  /**
   * A Bernoulli likelihood fed the values as they are (data.binarization NONE) needs values that
   * are 0 or 1: grey values would be scored as probabilities of a binary pixel.
   */
  private static void checkValues(ModelDefinition def, DataFile.Read read) {
    if (!def.bernoulliLikelihood() || def.data().binarizesDynamically()) {
      return;
    }
    int max = read.file().maxValue();
    read.images()
        .forEachRow(
            (i, levels) -> {
              for (int j = 0; j < levels.length; j++) {
                int v = levels[j] & 0xff;
                if (v != 0 && v != 255) {
                  throw new DataException(
                      String.format(
                          "%s: example %d, value %d is grey (%d of %d), expected binary values"
                              + " for a Bernoulli likelihood with data.binarization NONE (use"
                              + " DYNAMIC, or a gaussian likelihood, or data.files.max_value: 1"
                              + " for 0/1 data)",
                          read.file().path(), i, j, Math.round(v * max / 255.0), max));
                }
              }
            });
  }

  /** A labelled model's labels must exist and fall in 0..classes-1. */
  private static void checkLabels(ModelDefinition def, DataFile.Read read) {
    int classes = def.classes();
    if (classes == 0) {
      return;
    }
    ImageSet images = read.images();
    String what =
        read.file().labels() != null
            ? read.file().labels().toString()
            : read.file().path().toString();
    if (!images.hasLabels()) {
      throw new DataException(
          read.file().path()
              + ": this model needs labels (classes: "
              + classes
              + "); give data.files."
              + read.file().role()
              + "_labels, data.files.label_column for a CSV file, or class subfolders in a PNG"
              + " folder");
    }
    for (int i = 0; i < images.count(); i++) {
      if (images.label(i) >= classes) {
        throw new DataException(
            what
                + ": label "
                + images.label(i)
                + " of example "
                + i
                + " is outside 0.."
                + (classes - 1)
                + " (the model's classes: "
                + classes
                + ")");
      }
    }
  }

  private static Path resolve(ModelDefinition def, Path dataDir, String name, String role) {
    Path p = Path.of(name);
    if (p.isAbsolute()) {
      return p;
    }
    Path base = dataDir != null ? dataDir : def.folder().orElse(Path.of(""));
    Path f = base.resolve(p);
    if (!java.nio.file.Files.exists(f)) {
      throw new DataException(
          f
              + ": data.files."
              + role
              + " not found (relative paths are taken from "
              + (dataDir != null ? "--data-dir" : "the definition file's folder")
              + ")");
    }
    return f;
  }
}
