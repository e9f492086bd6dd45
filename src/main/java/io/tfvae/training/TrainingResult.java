package io.tfvae.training;

import java.util.Map;

/**
 * What a call of {@link Trainer#fit()} did.
 *
 * @param firstStep the step the call started from (non-zero after a resume)
 * @param lastStep steps completed at the end
 * @param seconds wall time of this call's steps
 * @param losses the training loss of every step run by this call, in order
 * @param metrics each reported quantity's mean over the last report window
 */
public record TrainingResult(
    long firstStep, long lastStep, double seconds, float[] losses, Map<String, Double> metrics)
    implements Metrics {}
