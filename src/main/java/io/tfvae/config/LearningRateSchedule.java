package io.tfvae.config;

import io.tfvae.config.proto.Adam;

/**
 * The step size as a function of the step: {@code initial} throughout, or, with a decay, {@code
 * max(min, initial * rate^(t / every))} with {@code t / every} rounded down when {@code staircase}.
 * A function of the step alone, so a resumed run takes the same steps as an uninterrupted one.
 *
 * @param initial the step size at t = 0
 * @param decays whether it decays at all
 * @param rate factor per {@code every} steps, in (0, 1]
 * @param every steps per factor of {@code rate}
 * @param staircase whether the exponent is rounded down to whole periods
 * @param min the floor
 */
public record LearningRateSchedule(
    float initial, boolean decays, float rate, long every, boolean staircase, float min) {

  static LearningRateSchedule of(Adam adam) {
    var d = adam.getDecay();
    return new LearningRateSchedule(
        adam.getLearningRate(),
        adam.hasDecay(),
        d.getRate(),
        d.getEvery(),
        d.getStaircase(),
        d.getMin());
  }

  /**
   * A constant step size.
   *
   * @param learningRate the step size
   * @return the schedule
   */
  public static LearningRateSchedule constant(float learningRate) {
    return new LearningRateSchedule(learningRate, false, 1f, 1, false, 0f);
  }

  /**
   * The step size at step t in double precision; the graph computes the same in float64 and then
   * rounds to float32.
   *
   * @param step t, the number of steps completed before this one
   * @return lr(t)
   */
  public double at(long step) {
    if (!decays) {
      return initial;
    }
    double periods = staircase ? Math.floorDiv(step, every) : (double) step / every;
    return Math.max(min, initial * Math.pow(rate, periods));
  }
}
