package io.tfvae.tools;

import picocli.CommandLine.Option;

/** {@code --trust}, shared by the commands that run a SavedModel. */
final class TrustOption {
  @Option(
      names = "--trust",
      description = "run ops outside the allow-list (only for SavedModels you trust)")
  boolean trust;
}
