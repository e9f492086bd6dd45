package io.tfvae.util;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;

/**
 * JSON as RFC 8259 defines it, for everything written (standard output, manifests, state files): a
 * NaN or an infinity is refused instead of written as the bare words {@code NaN} or {@code
 * Infinity}, which no strict parser reads. A value that may be undefined is written as {@code null}
 * by its caller ({@link #numberOrNull}).
 */
public final class StrictJson {
  private static final Gson PRETTY =
      new GsonBuilder()
          .setPrettyPrinting()
          .disableHtmlEscaping()
          .serializeNulls()
          .setStrictness(Strictness.STRICT)
          .create();

  private StrictJson() {}

  /**
   * Writes a JSON tree, indented.
   *
   * @param tree the value
   * @return its text
   * @throws IllegalStateException if it holds a non-finite number (a bug of the caller's: such
   *     values are checked, or written as null, before this)
   */
  public static String toJson(JsonElement tree) {
    try {
      return PRETTY.toJson(tree);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("not writable as strict JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A number, or {@code null} where it is undefined (a standard error of one example).
   *
   * @param value the number
   * @return a JSON number, or JSON null when the value is NaN or infinite
   */
  public static JsonElement numberOrNull(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
  }
}
