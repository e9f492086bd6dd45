package io.tfvae.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one dispatch from a data set's name (the schema's {@code data.dataset}, the manifest's {@code
 * dataset}) to its readers and its downloader.
 */
public enum Datasets {
  /** The official MNIST IDX files. */
  MNIST(Downloader::mnist, Mnist::train, Mnist::test, null),
  /** Larochelle's fixed binarization of MNIST, the official {@code .amat} files (no labels). */
  BINARIZED_MNIST(
      Downloader::binarizedMnist,
      BinarizedMnist::train,
      BinarizedMnist::test,
      BinarizedMnist::validation),
  /** SVHN's cropped digits, the official MAT files. */
  SVHN(Downloader::svhn, Svhn::train, Svhn::test, null);

  private final Supplier<Downloader> downloader;
  private final Function<Path, ImageSet> train;
  private final Function<Path, ImageSet> test;
  private final Function<Path, ImageSet> validation;

  Datasets(
      Supplier<Downloader> downloader,
      Function<Path, ImageSet> train,
      Function<Path, ImageSet> test,
      Function<Path, ImageSet> validation) {
    this.downloader = downloader;
    this.train = train;
    this.test = test;
    this.validation = validation;
  }

  /**
   * The data set of a name, in any case.
   *
   * @param name for example {@code mnist}
   * @return the data set
   * @throws DataException for an unknown name
   */
  public static Datasets named(String name) {
    for (Datasets d : values()) {
      if (d.name().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new DataException(
        "data set '"
            + name
            + "' is unknown; known: "
            + String.join(", ", Arrays.stream(values()).map(Datasets::label).toList()));
  }

  /** {@return the lower-case name, as the manifest writes it} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The training split.
   *
   * @param dir the folder holding the files, or null to download them into the cache
   * @return the images
   */
  public ImageSet train(Path dir) {
    return train.apply(dir != null ? dir : downloader.get().ensureDefault());
  }

  /**
   * The test split.
   *
   * @param dir the folder holding the files, or null to download them into the cache
   * @return the images
   */
  public ImageSet test(Path dir) {
    return test.apply(dir != null ? dir : downloader.get().ensureDefault());
  }

  /** {@return whether the data set ships a validation split of its own} */
  public boolean hasValidationSplit() {
    return validation != null;
  }

  /**
   * The validation split, where the data set has one.
   *
   * @param dir the folder holding the files, or null to download them into the cache
   * @return the images
   * @throws DataException if the data set has no validation split
   */
  public ImageSet validation(Path dir) {
    if (validation == null) {
      throw new DataException(
          "data set " + label() + " has no validation split; it has train and test");
    }
    return validation.apply(dir != null ? dir : downloader.get().ensureDefault());
  }
}
