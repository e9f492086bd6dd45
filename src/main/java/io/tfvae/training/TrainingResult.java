package io.tfvae.training;

/**
 * What a call of {@link Trainer#fit()} did.
 *
 * @param firstStep the step the call started from (non-zero after a resume)
 * @param lastStep steps completed at the end
 * @param seconds wall time of this call's steps
 * @param losses the training loss of every step run by this call, in order
 * @param nelbo mean negative ELBO over the last report window
 * @param kl mean KL over the last report window
 * @param rec mean reconstruction term over the last report window
 */
public record TrainingResult(
    long firstStep,
    long lastStep,
    double seconds,
    float[] losses,
    double nelbo,
    double kl,
    double rec) {}
