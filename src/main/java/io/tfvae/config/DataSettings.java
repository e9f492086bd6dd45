package io.tfvae.config;

import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.Data;
import io.tfvae.config.proto.DataFiles;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.ValidationCarving;
import io.tfvae.data.ValidationSplit;

/**
 * The {@code data} message, read once.
 *
 * @param dataset the training and test data
 * @param binarization how training batches are prepared: {@code DYNAMIC} re-binarizes every batch
 *     by Bernoulli sampling of its [0,1] pixels, {@code NONE} keeps the values
 * @param validation which training examples are held out for validation
 * @param trainFile the user's training file ({@code data.files.train}), or null for a built-in set
 * @param testFile the user's test file ({@code data.files.test}), or null
 * @param trainLabels the training file's labels file, or null
 * @param testLabels the test file's labels file, or null
 * @param validFile the user's validation file ({@code data.files.valid}), or null
 * @param validLabels the validation file's labels file, or null
 * @param maxValue the largest value the files store (255 for 8-bit images)
 * @param labelColumn a CSV file's label column (1 = the first), or 0 for none
 * @param loading how the files are read: {@code AUTO}, {@code IN_MEMORY} or {@code FROM_DISK}
 * @param trainFactors the training file's ground-truth factors file, or null
 * @param testFactors the test file's factors file, or null
 * @param validFactors the validation file's factors file, or null
 */
public record DataSettings(
    Dataset dataset,
    Binarization binarization,
    ValidationSplit validation,
    String trainFile,
    String testFile,
    String trainLabels,
    String testLabels,
    String validFile,
    String validLabels,
    int maxValue,
    int labelColumn,
    io.tfvae.data.ExampleFiles.Loading loading,
    String trainFactors,
    String testFactors,
    String validFactors) {
  static DataSettings of(Data d) {
    DataFiles f = d.getFiles();
    boolean files = d.hasFiles();
    return new DataSettings(
        d.getDataset(),
        d.getBinarization(),
        new ValidationSplit(
            d.getValidationImages(),
            d.getValidationCarving() != ValidationCarving.LAST,
            d.getValidationSeed()),
        files ? f.getTrain() : null,
        files && f.hasTest() ? f.getTest() : null,
        files && f.hasTrainLabels() ? f.getTrainLabels() : null,
        files && f.hasTestLabels() ? f.getTestLabels() : null,
        files && f.hasValid() ? f.getValid() : null,
        files && f.hasValidLabels() ? f.getValidLabels() : null,
        f.getMaxValue(),
        f.getLabelColumn(),
        io.tfvae.data.ExampleFiles.Loading.valueOf(f.getLoading().name()),
        files && f.hasTrainFactors() ? f.getTrainFactors() : null,
        files && f.hasTestFactors() ? f.getTestFactors() : null,
        files && f.hasValidFactors() ? f.getValidFactors() : null);
  }

  /** {@return how many training examples are held out (0 with a validation file)} */
  public int validationImages() {
    return validation.images();
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
   * The images training reads: the training split without its validation examples.
   *
   * @param trainingSplit the data set's whole training split
   * @return the others, in their order
   */
  public io.tfvae.data.ImageSet trainingPart(io.tfvae.data.ImageSet trainingSplit) {
    return validation.training(trainingSplit);
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
    return switch (dataset) {
      case SVHN -> org.tensorflow.ndarray.Shape.of(32, 32, 3);
      case DSPRITES -> org.tensorflow.ndarray.Shape.of(
          io.tfvae.data.Dsprites.SIDE, io.tfvae.data.Dsprites.SIDE, 1);
      default -> org.tensorflow.ndarray.Shape.of(28, 28, 1);
    };
  }

  /** {@return whether every training batch is re-binarized} */
  public boolean binarizesDynamically() {
    return binarization == Binarization.DYNAMIC;
  }
}
