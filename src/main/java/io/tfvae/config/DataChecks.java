package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.Data;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.ValidationCarving;

/**
 * The {@code data} section: the data set or the user's files, the validation split, binarization.
 */
final class DataChecks {
  private DataChecks() {}

  static void check(Fields root, Data data) {
    Fields at = root.at("data");
    Binarization binarization = data.getBinarization();
    if (data.hasFiles()) {
      if (data.hasDataset()) {
        at.fail(
            "files", "either data.dataset or data.files (the user's own files), not both", "both");
      }
      var files = data.getFiles();
      int max = files.getMaxValue();
      if (max < 1 || max > 255) {
        at.fail("files.max_value", "1..255 (the largest value the files store)", max);
      }
      if (files.getTrain().isBlank()) {
        at.fail("files.train", "the path of the training examples (.npy or IDX)", "none");
      }
      if (files.getLabelColumn() < 0) {
        at.fail(
            "files.label_column",
            "a column number >= 1 (0: no label column)",
            files.getLabelColumn());
      }
    }
    if (data.getDataset() == Dataset.DATASET_UNSPECIFIED) {
      at.fail("dataset", "MNIST, SVHN, BINARIZED_MNIST or DSPRITES", "DATASET_UNSPECIFIED");
    }
    if (data.getValidationImages() < 0) {
      at.fail("validation_images", "a number >= 0", data.getValidationImages());
    }
    validation(at, data);
    if (data.getValidationImages() > 0 && data.getDataset() == Dataset.BINARIZED_MNIST) {
      at.fail(
          "validation_images",
          "0 with dataset BINARIZED_MNIST (it has its own validation split)",
          data.getValidationImages());
    }
    if (binarization == Binarization.BINARIZATION_UNSPECIFIED) {
      at.fail("binarization", "DYNAMIC or NONE", "BINARIZATION_UNSPECIFIED");
    }
    if (data.getDataset() == Dataset.BINARIZED_MNIST && binarization != Binarization.NONE) {
      at.fail(
          "binarization",
          "NONE with dataset BINARIZED_MNIST (its fixed binarization is used as it is)",
          binarization);
    }
    if (data.getDataset() == Dataset.DSPRITES && binarization != Binarization.NONE) {
      at.fail(
          "binarization",
          "NONE with dataset DSPRITES (its images are already 0 or 1)",
          binarization);
    }
  }

  /** The validation split's settings, none of them ignored. */
  private static void validation(Fields at, Data data) {
    int n = data.getValidationImages();
    if (n == 0 && data.hasValidationCarving()) {
      at.fail("validation_carving", "no carving while data.validation_images is 0", "set");
    }
    if (data.hasValidationSeed()
        && (n == 0 || data.getValidationCarving() == ValidationCarving.LAST)) {
      at.fail(
          "validation_seed",
          "no seed unless data.validation_images > 0 are drawn (validation_carving SEEDED)",
          data.getValidationSeed());
    }
    if (data.getValidationCarving() == ValidationCarving.VALIDATION_CARVING_UNSPECIFIED) {
      at.fail("validation_carving", "SEEDED or LAST", "VALIDATION_CARVING_UNSPECIFIED");
    }
    if (data.getFiles().hasValid() && n > 0) {
      at.fail(
          "validation_images",
          "0 with data.files.valid (the validation examples are that file)",
          n);
    }
    if (data.getFiles().hasValidLabels() && !data.getFiles().hasValid()) {
      at.fail("files.valid_labels", "data.files.valid beside it", "no valid file");
    }
    if (data.getFiles().hasValidFactors() && !data.getFiles().hasValid()) {
      at.fail("files.valid_factors", "data.files.valid beside it", "no valid file");
    }
    if (data.getFiles().hasTestFactors() && !data.getFiles().hasTest()) {
      at.fail("files.test_factors", "data.files.test beside it", "no test file");
    }
  }
}
