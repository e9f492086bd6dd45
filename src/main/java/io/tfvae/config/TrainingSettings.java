package io.tfvae.config;

import io.tfvae.config.proto.Training;

/**
 * The {@code training} message, read once into plain values.
 *
 * @param learningRate Adam step size at step 0
 * @param schedule Adam step size as a function of the step
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param epsilon Adam ε ("epsilon hat", added to sqrt(v̂))
 * @param batchSize examples per step
 * @param steps steps to train to
 * @param seed seed of the initial weights, data order, binarization and noise
 * @param threads TensorFlow intra- and inter-op threads, 0 already resolved to the core count
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param logEvery steps between progress reports
 * @param keepCheckpoints checkpoints kept on disk
 * @param precision the arithmetic of the training session
 * @param adamax whether the optimizer is Adamax (else Adam)
 * @param polyakDecay d of the weights' moving average, 0 for none
 * @param exportAverage whether the export holds the averaged weights
 */
public record TrainingSettings(
    float learningRate,
    LearningRateSchedule schedule,
    float beta1,
    float beta2,
    float epsilon,
    int batchSize,
    long steps,
    long seed,
    int threads,
    long checkpointEvery,
    long logEvery,
    int keepCheckpoints,
    io.tfvae.util.Precision precision,
    boolean adamax,
    float polyakDecay,
    boolean exportAverage) {

  static TrainingSettings of(Training t) {
    var adam = t.getAdam();
    int threads = t.getThreads() > 0 ? t.getThreads() : Runtime.getRuntime().availableProcessors();
    return new TrainingSettings(
        adam.getLearningRate(),
        LearningRateSchedule.of(adam),
        adam.getBeta1(),
        adam.getBeta2(),
        adam.getEpsilon(),
        t.getBatchSize(),
        t.getSteps(),
        t.getSeed(),
        threads,
        t.getCheckpointEvery(),
        t.getLogEvery(),
        t.getKeepCheckpoints(),
        t.getPrecision() == io.tfvae.config.proto.Precision.BFLOAT16
            ? io.tfvae.util.Precision.BFLOAT16
            : io.tfvae.util.Precision.FLOAT32,
        adam.getMethod() == io.tfvae.config.proto.Adam.Method.ADAMAX,
        t.getPolyakDecay(),
        t.getExportAverage());
  }
}
