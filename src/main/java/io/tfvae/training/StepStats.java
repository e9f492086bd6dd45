package io.tfvae.training;

/**
 * Averages over the steps since the last report.
 *
 * @param step steps completed
 * @param totalSteps steps the run will complete
 * @param loss mean training loss
 * @param nelbo mean negative ELBO
 * @param kl mean KL term
 * @param rec mean reconstruction term
 * @param stepsPerSecond throughput over the window
 * @param etaSeconds estimated time to the last step
 */
public record StepStats(
    long step,
    long totalSteps,
    double loss,
    double nelbo,
    double kl,
    double rec,
    double stepsPerSecond,
    double etaSeconds) {}
