package io.tfvae.tools;

import java.util.List;

/**
 * The SavedModel contract, the only thing of a model the tool relies on: signature keys and the
 * names of their inputs and outputs. Every name the tool feeds or reads is a constant here, and
 * {@link #TABLE} is the contract's one table: {@code tools/README.md} and the framework's {@code
 * io.tfvae.export} package Javadoc print it, and {@code ContractTest} holds both equal to it and
 * every model kind's export within it.
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

  /** Data, float [-1, D]. */
  static final String X = "x";

  /** One-hot labels, float [-1, C]. */
  static final String Y = "y";

  /** Codes, float [-1, Z]: an input of decode and log_prior, an output of the samplers. */
  static final String Z = "z";

  /** Stateless seed, int64 [2]. */
  static final String SEED = "seed";

  /** Importance samples, int32 scalar. */
  static final String M = "m";

  /** Prior samples, int32 scalar. */
  static final String N = "n";

  static final String NELBO = "nelbo";
  static final String KL = "kl";
  static final String REC = "rec";
  static final String NIWAE = "niwae";
  static final String X_MEAN = "x_mean";
  static final String LOG_PROB = "log_prob";
  static final String PROBABILITIES = "probabilities";

  /** A Gaussian posterior's parameters. */
  static final String Z_MEAN = "z_mean";

  static final String Z_VARIANCE = "z_variance";

  /** A categorical posterior's class probabilities, [-1, N, K]. */
  static final String Z_PROBABILITIES = "z_probabilities";

  /** An inverse autoregressive flow's starting Gaussian, before its steps. */
  static final String Z0_MEAN = "z0_mean";

  static final String Z0_VARIANCE = "z0_variance";

  /** A bottom-up hierarchy's q(z_1 | x). */
  static final String Z1_MEAN = "z1_mean";

  static final String Z1_VARIANCE = "z1_variance";

  /** A ladder's bottom-up Gaussian of z_1, before it is merged with the top-down prior. */
  static final String Z1_BOTTOM_UP_MEAN = "z1_bottom_up_mean";

  static final String Z1_BOTTOM_UP_VARIANCE = "z1_bottom_up_variance";

  /**
   * One signature of the contract.
   *
   * @param key the signature key
   * @param inputs the inputs every model with this signature takes
   * @param labelInputs the inputs only models with labels take ({@code y})
   * @param outputs the outputs every model with this signature gives
   * @param familyOutputs the outputs that depend on the posterior family (encode's)
   */
  record Entry(
      String key,
      List<String> inputs,
      List<String> labelInputs,
      List<String> outputs,
      List<String> familyOutputs) {}

  /** The contract's table, one row per signature key. */
  static final List<Entry> TABLE =
      List.of(
          new Entry(NEGATIVE_ELBO, List.of(X, SEED), List.of(Y), List.of(NELBO, KL, REC), none()),
          new Entry(NEGATIVE_IWAE, List.of(X, M, SEED), List.of(Y), List.of(NIWAE), none()),
          new Entry(SAMPLE, List.of(N, SEED), List.of(Y), List.of(X_MEAN, Z), none()),
          new Entry(
              ENCODE,
              List.of(X),
              List.of(Y),
              none(),
              List.of(
                  Z_MEAN,
                  Z_VARIANCE,
                  Z_PROBABILITIES,
                  Z0_MEAN,
                  Z0_VARIANCE,
                  Z1_MEAN,
                  Z1_VARIANCE,
                  Z1_BOTTOM_UP_MEAN,
                  Z1_BOTTOM_UP_VARIANCE)),
          new Entry(DECODE, List.of(Z), List.of(Y), List.of(X_MEAN), none()),
          new Entry(SAMPLE_CONDITIONAL, List.of(Y, Z), none(), List.of(X_MEAN), none()),
          new Entry(LOG_PRIOR, List.of(Z), none(), List.of(LOG_PROB), none()),
          new Entry(LOG_POSTERIOR, List.of(X, Z), List.of(Y), List.of(LOG_PROB), none()),
          new Entry(SAMPLE_POSTERIOR, List.of(X, SEED), List.of(Y), List.of(Z, LOG_PROB), none()),
          new Entry(CLASSIFY, List.of(X), none(), List.of(PROBABILITIES), none()));

  private static List<String> none() {
    return List.of();
  }

  private Contract() {}
}
