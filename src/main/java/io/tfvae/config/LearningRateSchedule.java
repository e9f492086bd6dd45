package io.tfvae.config;

import io.tfvae.config.proto.Adam;

/**
 * The step size as a function of the step: {@code initial} throughout; or, with an exponential
 * decay, {@code max(min, initial * rate^(t / every))} with {@code t / every} rounded down when
 * {@code staircase}; or, with a cosine decay over {@code cosineSteps}, {@code min + (initial − min)
 * (1 + cos(π min(1, t / cosineSteps))) / 2}; each times {@code min(1, (t + 1) / warmUpSteps)} with
 * a linear warm-up. A function of the step alone, so a resumed run takes the same steps as an
 * uninterrupted one.
 *
 * @param initial the step size at t = 0 (after warm-up)
 * @param decays whether it decays exponentially
 * @param rate factor per {@code every} steps, in (0, 1]
 * @param every steps per factor of {@code rate}
 * @param staircase whether the exponent is rounded down to whole periods
 * @param min the floor (exponential) or the end (cosine)
 * @param cosineSteps the steps of the cosine's half period; 0: no cosine decay
 * @param warmUpSteps the steps of the linear warm-up; 0: none
 */
public record LearningRateSchedule(
    float initial,
    boolean decays,
    float rate,
    long every,
    boolean staircase,
    float min,
    long cosineSteps,
    long warmUpSteps) {

  /**
   * An exponential decay (or none), without warm-up.
   *
   * @param initial the step size at t = 0
   * @param decays whether it decays
   * @param rate factor per {@code every} steps
   * @param every steps per factor
   * @param staircase whether the exponent is rounded down
   * @param min the floor
   */
  public LearningRateSchedule(
      float initial, boolean decays, float rate, long every, boolean staircase, float min) {
    this(initial, decays, rate, every, staircase, min, 0, 0);
  }

  /**
   * A cosine decay from {@code initial} to {@code min} over {@code steps}, after a linear warm-up.
   *
   * @param initial the step size at the top
   * @param min the step size at the end
   * @param steps the cosine's half period
   * @param warmUpSteps the warm-up's steps, 0 for none
   * @return the schedule
   */
  public static LearningRateSchedule cosine(
      float initial, float min, long steps, long warmUpSteps) {
    return new LearningRateSchedule(initial, false, 1f, 1, false, min, steps, warmUpSteps);
  }

  /** {@return whether the step size depends on the step} */
  public boolean variesWithStep() {
    return decays || cosineSteps > 0 || warmUpSteps > 0;
  }

  static LearningRateSchedule of(Adam adam) {
    var d = adam.getDecay();
    if (adam.hasCosine()) {
      return cosine(
          adam.getLearningRate(),
          adam.getCosine().getMin(),
          adam.getCosine().getSteps(),
          adam.getWarmupSteps());
    }
    return new LearningRateSchedule(
        adam.getLearningRate(),
        adam.hasDecay(),
        d.getRate(),
        d.getEvery(),
        d.getStaircase(),
        d.getMin(),
        0,
        adam.getWarmupSteps());
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
    double base;
    if (cosineSteps > 0) {
      double progress = Math.min(1.0, (double) step / cosineSteps);
      base = min + ((double) initial - min) * 0.5 * (1.0 + Math.cos(Math.PI * progress));
    } else if (decays) {
      double periods = staircase ? Math.floorDiv(step, every) : (double) step / every;
      base = Math.max(min, initial * Math.pow(rate, periods));
    } else {
      base = initial;
    }
    return warmUpSteps > 0 ? base * Math.min(1.0, (step + 1.0) / warmUpSteps) : base;
  }
}
