package io.tfvae.training;

import java.util.Map;

/**
 * Named training quantities (nelbo, kl, rec for a VAE; cross_entropy, accuracy for a classifier).
 */
public interface Metrics {
  /** {@return each quantity by name, in report order} */
  Map<String, Double> metrics();

  /** {@return the mean negative ELBO (NaN for models without one)} */
  default double nelbo() {
    return metrics().getOrDefault("nelbo", Double.NaN);
  }

  /** {@return the mean KL term (NaN for models without one)} */
  default double kl() {
    return metrics().getOrDefault("kl", Double.NaN);
  }

  /** {@return the mean reconstruction term (NaN for models without one)} */
  default double rec() {
    return metrics().getOrDefault("rec", Double.NaN);
  }
}
