package io.tfvae.tools;

/**
 * Signature keys and tensor names of the SavedModel contract, as the README documents them. The
 * tool relies on nothing else of a model.
 */
final class Contract {
  static final String NEGATIVE_ELBO = "negative_elbo";
  static final String NEGATIVE_IWAE = "negative_iwae";
  static final String SAMPLE = "sample";
  static final String ENCODE = "encode";
  static final String DECODE = "decode";
  static final String SAMPLE_CONDITIONAL = "sample_conditional";
  static final String CLASSIFY = "classify";
  static final String LOG_PRIOR = "log_prior";
  static final String LOG_POSTERIOR = "log_posterior";
  static final String SAMPLE_POSTERIOR = "sample_posterior";
  static final String MANIFEST = "assets.extra/tfvae.json";

  /**
   * The input and output names the tool feeds or reads, per signature (y only where a model is
   * conditional). A test holds them equal to what the framework exports.
   */
  static final java.util.Map<String, java.util.Set<String>> NAMES =
      java.util.Map.ofEntries(
          entry(NEGATIVE_ELBO, "x", "seed", "nelbo", "kl", "rec"),
          entry(NEGATIVE_IWAE, "x", "m", "seed", "niwae"),
          entry(SAMPLE, "n", "seed", "x_mean", "z"),
          entry(ENCODE, "x"),
          entry(DECODE, "z", "x_mean"),
          entry(SAMPLE_CONDITIONAL, "y", "z", "x_mean"),
          entry(CLASSIFY, "x", "probabilities"),
          entry(LOG_PRIOR, "z", "log_prob"),
          entry(LOG_POSTERIOR, "x", "z", "log_prob"),
          entry(SAMPLE_POSTERIOR, "x", "seed", "z", "log_prob"));

  private static java.util.Map.Entry<String, java.util.Set<String>> entry(
      String key, String... names) {
    return java.util.Map.entry(key, java.util.Set.of(names));
  }

  private Contract() {}
}
