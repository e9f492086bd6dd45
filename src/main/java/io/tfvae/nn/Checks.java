package io.tfvae.nn;

/** Argument checks of block builders. */
final class Checks {
  private Checks() {}

  static void positive(String what, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + ": expected a number > 0, got " + value);
    }
  }
}
