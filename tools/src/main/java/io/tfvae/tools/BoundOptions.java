package io.tfvae.tools;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The evaluation protocol's options, shared by the commands that measure bounds ({@code eval},
 * {@code compare}): which m, the noise and binarization seeds, and how many test images.
 */
final class BoundOptions {
  @Option(
      names = "--iw",
      split = ",",
      paramLabel = "M",
      description = "negative IWAE-m for these m (default: none, the NELBO only)")
  List<Integer> iw = new ArrayList<>();

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "evaluation noise seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--binarize-seed",
      defaultValue = "0",
      description = "seed of the fixed test-set binarization (default ${DEFAULT-VALUE})")
  long binarizeSeed;

  @Option(names = "--limit", description = "the first N test images only")
  Integer limit;

  /** The m values, each checked to be at least 1. */
  List<Integer> iw() {
    for (int m : iw) {
      if (m < 1) {
        throw new ToolException("--iw: each m must be >= 1, got " + m);
      }
    }
    return iw;
  }
}
