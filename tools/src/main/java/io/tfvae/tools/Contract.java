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
  static final String MANIFEST = "assets.extra/tfvae.json";

  /**
   * The input and output names the tool feeds or reads, per signature (y only where a model is
   * conditional). A test holds them equal to what the framework exports.
   */
  static final java.util.Map<String, java.util.Set<String>> NAMES =
      java.util.Map.of(
          NEGATIVE_ELBO, java.util.Set.of("x", "seed", "nelbo", "kl", "rec"),
          NEGATIVE_IWAE, java.util.Set.of("x", "m", "seed", "niwae"),
          SAMPLE, java.util.Set.of("n", "seed", "x_mean", "z"),
          ENCODE, java.util.Set.of("x"),
          DECODE, java.util.Set.of("z", "x_mean"),
          SAMPLE_CONDITIONAL, java.util.Set.of("y", "z", "x_mean"),
          CLASSIFY, java.util.Set.of("x", "probabilities"),
          LOG_PRIOR, java.util.Set.of("z", "log_prob"),
          LOG_POSTERIOR, java.util.Set.of("x", "z", "log_prob"));

  private Contract() {}
}
