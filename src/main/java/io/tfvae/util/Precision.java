package io.tfvae.util;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/**
 * The arithmetic a session runs in. FLOAT32 is the default and the reference; BFLOAT16 switches on
 * TensorFlow's oneDNN auto-mixed-precision rewrite, which casts the inputs of matrix products and
 * the ops around them to bfloat16 where the CPU supports it (variables and optimizer state stay
 * float32).
 */
public enum Precision {
  /** IEEE single precision throughout. */
  FLOAT32,
  /** oneDNN's bfloat16 rewrite ({@code auto_mixed_precision_onednn_bfloat16 = ON}). */
  BFLOAT16;

  /**
   * Parses a flag's value.
   *
   * @param s float32 or bfloat16, any case
   * @param field the flag or field, for the message
   * @return the precision
   */
  public static Precision parse(String s, String field) {
    for (Precision p : values()) {
      if (p.name().equalsIgnoreCase(s)) {
        return p;
      }
    }
    throw new TfvaeException(field + ": expected float32 or bfloat16, got " + s);
  }

  /**
   * A session configuration in this precision.
   *
   * @param base the configuration otherwise
   * @return it with the rewrite switched on for BFLOAT16, unchanged for FLOAT32
   */
  public ConfigProto apply(ConfigProto base) {
    if (this == FLOAT32) {
      return base;
    }
    ConfigProto.Builder b = base.toBuilder();
    b.getGraphOptionsBuilder()
        .getRewriteOptionsBuilder()
        .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    return b.build();
  }

  /** {@return the name in manifests and reports: float32 or bfloat16} */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
