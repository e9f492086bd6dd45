package io.tfvae.models;

/**
 * Multiply-adds of a model's dense layers, for FLOP rates (a dense layer costs about 2 FLOP per
 * multiply-add forward and twice that backward).
 *
 * @param trainingPerExample one forward pass of the training loss, per example
 * @param evaluationPerImage the part of a negative_iwae call done once per image (the encoder)
 * @param evaluationPerSample the part done once per importance sample (the decoder)
 */
public record ComputeCost(
    long trainingPerExample, long evaluationPerImage, long evaluationPerSample) {

  /**
   * The cost of an encoder-decoder model: both networks once per training example; for evaluation
   * the encoder once per image and the decoder once per sample.
   *
   * @param encoder the encoder's multiply-adds per example
   * @param decoder the decoder's multiply-adds per sample
   * @return the cost
   */
  public static ComputeCost encoderDecoder(long encoder, long decoder) {
    return new ComputeCost(encoder + decoder, encoder, decoder);
  }
}
