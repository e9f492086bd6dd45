package io.tfvae.distributed;

import java.time.Duration;

/**
 * How one process takes part in cluster training.
 *
 * @param role its job and task
 * @param stepTimeout the bound on every step and every wait between steps: a worker that has not
 *     delivered within it is reported dead (it must exceed the slowest step, checkpoint included)
 * @param startupTimeout the bound on waiting for the other tasks to start and for the first step
 */
public record ClusterSettings(ClusterRole role, Duration stepTimeout, Duration startupTimeout) {
  /**
   * Run options that bound one session call.
   *
   * @param bound the longest the call may take
   * @return the options
   */
  public static org.tensorflow.proto.RunOptions bounded(Duration bound) {
    return org.tensorflow.proto.RunOptions.newBuilder().setTimeoutInMs(bound.toMillis()).build();
  }

  /**
   * {@return the defaults: 60 s a step, 300 s to start}
   *
   * @param role this process's role
   */
  public static ClusterSettings of(ClusterRole role) {
    return new ClusterSettings(role, Duration.ofSeconds(60), Duration.ofSeconds(300));
  }
}
