package io.tfvae.tools.disentanglement;

/**
 * The representation the metrics score: the posterior means of a model's {@code encode} signature
 * ({@code z_mean}), as disentanglement_lib's {@code representation_function} with the "mean"
 * postprocessing.
 */
@FunctionalInterface
public interface Representation {

  /**
   * Encodes n observations.
   *
   * @param observations n rows of {@link GroundTruth#observationSize()} values, row-major
   * @param n the number of rows
   * @return codes [n][Z]
   */
  float[][] encode(float[] observations, int n);
}
