package io.tfvae.models;

import io.tfvae.data.ImageSet;

/**
 * What the trainer iterates over.
 *
 * @param images the images whose batches the trainer feeds
 * @param feedLabels whether each batch comes with its one-hot labels ({@link StepInputs#y})
 */
public record TrainingData(ImageSet images, boolean feedLabels) {}
