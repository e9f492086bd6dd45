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
  static final String MANIFEST = "assets.extra/tfvae.json";

  private Contract() {}
}
