package io.tfvae.data;

import java.nio.file.Files;
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
  SVHN(Downloader::svhn, Svhn::train, Svhn::test, null),
  /**
   * dSprites, generated in the JVM (nothing downloaded): the whole grid to train on, a seeded
   * 10,000 of it to test on ({@link Dsprites}).
   */
  DSPRITES(null, Dsprites::train, Dsprites::test, null);

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
   * @param dir the folder holding the files, or null to download them into the cache (a generated
   *     set ignores it)
   * @return the images
   */
  public ImageSet train(Path dir) {
    return train.apply(folder(dir));
  }

  /**
   * The test split.
   *
   * @param dir the folder holding the files, or null to download them into the cache
   * @return the images
   */
  public ImageSet test(Path dir) {
    return test.apply(folder(dir));
  }

  /** {@return whether the images are generated rather than read from files} */
  public boolean generated() {
    return downloader == null;
  }

  private Path folder(Path dir) {
    return dir != null || generated() ? dir : downloader.get().ensureDefault();
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
    return validation.apply(folder(dir));
  }

  /** SHA-256 of the official MNIST test files as stored uncompressed (gunzip of the official). */
  private static final java.util.Map<String, String> MNIST_RAW_TEST_SHA256 =
      java.util.Map.of(
          "t10k-images-idx3-ubyte",
          "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
          "t10k-labels-idx1-ubyte",
          "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

  /**
   * The first test-split file in a folder that is not the official one (its SHA-256 differs), so
   * that figures of other data are not recorded as this data set's. Binarized MNIST checks its
   * files whenever it reads them; a downloaded copy was checked when it was fetched.
   *
   * @param dir the folder given for the data set, or null for the checked cache
   * @return the file, or null when every test file is official
   */
  public Path unofficialTestFile(Path dir) {
    if (dir == null) {
      return null;
    }
    java.util.Map<String, String> official =
        switch (this) {
          case MNIST -> MNIST_RAW_TEST_SHA256;
          case SVHN -> java.util.Map.of(
              "test_32x32.mat", Downloader.SVHN_SHA256.get("test_32x32.mat"));
          case BINARIZED_MNIST, DSPRITES -> java.util.Map.of();
        };
    for (var e : new java.util.TreeMap<>(official).entrySet()) {
      Path f = this == MNIST ? Mnist.find(dir, e.getKey()) : dir.resolve(e.getKey());
      String expected =
          f.getFileName().toString().endsWith(".gz")
              ? Downloader.MNIST_SHA256.get(e.getKey() + ".gz")
              : e.getValue();
      if (!Files.exists(f) || !Downloader.sha256(f).equals(expected)) {
        return f;
      }
    }
    return null;
  }
}
