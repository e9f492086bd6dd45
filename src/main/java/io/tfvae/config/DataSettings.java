package io.tfvae.config;

import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.Data;
import io.tfvae.config.proto.Dataset;

/**
 * The {@code data} message, read once.
 *
 * @param dataset the training and test data
 * @param binarization how training batches are prepared: {@code DYNAMIC} re-binarizes every batch
 *     by Bernoulli sampling of its [0,1] pixels, {@code NONE} keeps the values
 * @param validationImages the last this many training images are held out for validation
 * @param trainFile the user's training file ({@code data.files.train}), or null for a built-in set
 * @param testFile the user's test file ({@code data.files.test}), or null
 * @param trainLabels the training file's labels file, or null
 * @param testLabels the test file's labels file, or null
 * @param maxValue the largest value the files store (255 for 8-bit images)
 */
public record DataSettings(
    Dataset dataset,
    Binarization binarization,
    int validationImages,
    String trainFile,
    String testFile,
    String trainLabels,
    String testLabels,
    int maxValue) {
  static DataSettings of(Data d) {
    return new DataSettings(
        d.getDataset(),
        d.getBinarization(),
        d.getValidationImages(),
        d.hasFiles() ? d.getFiles().getTrain() : null,
        d.hasFiles() && d.getFiles().hasTest() ? d.getFiles().getTest() : null,
        d.hasFiles() && d.getFiles().hasTrainLabels() ? d.getFiles().getTrainLabels() : null,
        d.hasFiles() && d.getFiles().hasTestLabels() ? d.getFiles().getTestLabels() : null,
        d.hasFiles() ? d.getFiles().getMaxValue() : 255);
  }

  /** {@return whether the examples come from the user's files rather than a built-in set} */
  public boolean fromFiles() {
    return trainFile != null;
  }

  /** {@return the name the manifest gives the training data: a built-in set's, or "files"} */
  public String sourceLabel() {
    return fromFiles() ? "files" : dataset.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The images training reads: the training split without its last {@code validationImages}.
   *
   * @param trainingSplit the data set's whole training split
   * @return its first count − validationImages images
   */
  public io.tfvae.data.ImageSet trainingPart(io.tfvae.data.ImageSet trainingSplit) {
    if (validationImages == 0) {
      return trainingSplit;
    }
    if (validationImages >= trainingSplit.count()) {
      throw new io.tfvae.data.DataException(
          "data.validation_images: expected fewer than the "
              + trainingSplit.count()
              + " training images, got "
              + validationImages);
    }
    return trainingSplit.head(trainingSplit.count() - validationImages);
  }

  /**
   * The shape of one example: [H, W, C] of the data set's images, laid out from the flat width as
   * {@link io.tfvae.data.ImageShape} does (square, grey or RGB).
   *
   * @param dim values per example
   * @return [H, W, C], or [dim] when the values form no square picture
   */
  public org.tensorflow.ndarray.Shape imageShape(int dim) {
    try {
      io.tfvae.data.ImageShape s = io.tfvae.data.ImageShape.of(dim);
      return org.tensorflow.ndarray.Shape.of(s.side(), s.side(), s.channels());
    } catch (io.tfvae.data.DataException e) {
      return org.tensorflow.ndarray.Shape.of(dim);
    }
  }

  /**
   * The shape of one example of the definition's data set, [H, W, C].
   *
   * @return the shape
   */
  public org.tensorflow.ndarray.Shape imageShape() {
    return dataset == Dataset.SVHN
        ? org.tensorflow.ndarray.Shape.of(32, 32, 3)
        : org.tensorflow.ndarray.Shape.of(28, 28, 1);
  }

  /** {@return whether every training batch is re-binarized} */
  public boolean binarizesDynamically() {
    return binarization == Binarization.DYNAMIC;
  }
}
