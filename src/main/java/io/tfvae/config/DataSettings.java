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
 */
public record DataSettings(Dataset dataset, Binarization binarization) {
  static DataSettings of(Data d) {
    return new DataSettings(d.getDataset(), d.getBinarization());
  }

  /** Whether every training batch is re-binarized. */
  public boolean binarizesDynamically() {
    return binarization == Binarization.DYNAMIC;
  }
}
