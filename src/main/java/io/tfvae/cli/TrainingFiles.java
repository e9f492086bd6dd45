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
    DataFile.Read train = DataFile.read("train", resolve(def, dataDir, d.trainFile(), "train"));
    files.add(train.file());
    if (d.testFile() != null) {
      files.add(DataFile.read("test", resolve(def, dataDir, d.testFile(), "test")).file());
    }
    return new TrainingFiles(train.images(), files);
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
