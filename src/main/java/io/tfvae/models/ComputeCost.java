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
    long trainingPerExample, long evaluationPerImage, long evaluationPerSample) {}
