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
  MNIST(Downloader::mnist, Mnist::train, Mnist::test),
  /** Larochelle's fixed binarization of MNIST, the official {@code .amat} files (no labels). */
  BINARIZED_MNIST(Downloader::binarizedMnist, BinarizedMnist::train, BinarizedMnist::test),
  /** SVHN's cropped digits, the official MAT files. */
  SVHN(Downloader::svhn, Svhn::train, Svhn::test);

  private final Supplier<Downloader> downloader;
  private final Function<Path, ImageSet> train;
  private final Function<Path, ImageSet> test;

  Datasets(
      Supplier<Downloader> downloader,
      Function<Path, ImageSet> train,
      Function<Path, ImageSet> test) {
    this.downloader = downloader;
    this.train = train;
    this.test = test;
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

  /** The lower-case name, as the manifest writes it. */
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
}
