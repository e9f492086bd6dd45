package io.tfvae.config.parts;

import io.tfvae.config.ModelDefinitionException;

/**
 * A place in a definition ({@code vae.prior.mixture}) and the checks of its fields, each failing
 * with one line: {@code SOURCE: FIELD.PATH: expected ..., got ...}.
 */
public final class Fields {
  /*
   * Upper bounds: past them a setting overflows TensorFlow's or Java's 32-bit sizes, or needs far
   * more memory or time than any machine gives, and fails deep inside a library instead of here.
   */
  /** The largest width, filter count, latent size, class or component count. */
  public static final long MAX_SIZE = 65_536;

  /** The largest kernel size, stride or upsampling factor. */
  public static final long MAX_KERNEL = 64;

  /** The most layers in one network (or flow steps, or stochastic layers). */
  public static final int MAX_LAYERS = 256;

  /** The largest step count (the trainer keeps one loss per step of a run: 400 MB at most). */
  public static final long MAX_STEPS = 100_000_000;

  /** The largest batch or IWAE sample count, and their largest product. */
  public static final long MAX_SAMPLES = 1_000_000;

  private final String source;
  private final String path;

  private Fields(String source, String path) {
    this.source = source;
    this.path = path;
  }

  /**
   * The root of a definition.
   *
   * @param source the definition's file name, for messages
   * @return the root's fields
   */
  public static Fields of(String source) {
    return new Fields(source, "");
  }

  /**
   * A message inside this one.
   *
   * @param field its field name, or a path of them ("conv.layers[2]")
   * @return its fields
   */
  public Fields at(String field) {
    return new Fields(source, name(field));
  }

  /** {@return this place's path, "vae.prior.mixture"} */
  public String path() {
    return path;
  }

  /** {@return the definition's file name} */
  public String source() {
    return source;
  }

  /**
   * A size: 1 .. {@link #MAX_SIZE}.
   *
   * @param field the field
   * @param value its value
   */
  public void positive(String field, long value) {
    positive(field, value, MAX_SIZE);
  }

  /**
   * A count in 1 .. max.
   *
   * @param field the field
   * @param value its value
   * @param max the largest value allowed
   */
  public void positive(String field, long value, long max) {
    if (value <= 0 || value > max) {
      fail(field, "a number in 1.." + max, value);
    }
  }

  /**
   * A weight: finite and ≥ 0.
   *
   * @param field the field
   * @param w its value
   */
  public void weight(String field, float w) {
    if (!(w >= 0f) || Float.isInfinite(w)) {
      fail(field, "a finite number >= 0", w);
    }
  }

  /**
   * A scale or rate: finite and &gt; 0.
   *
   * @param field the field
   * @param v its value
   */
  public void finitePositive(String field, float v) {
    if (!(v > 0f) || Float.isInfinite(v)) {
      fail(field, "a finite number > 0", v);
    }
  }

  /**
   * A decay or momentum: in [0, 1).
   *
   * @param field the field
   * @param v its value
   */
  public void fraction(String field, float v) {
    if (!(v >= 0f && v < 1f)) {
      fail(field, "a number in [0, 1)", v);
    }
  }

  /**
   * A repeated field's length.
   *
   * @param field the field
   * @param count its length
   * @param max the most allowed
   * @param what what it counts ("layers")
   */
  public void atMost(String field, int count, int max, String what) {
    if (count > max) {
      fail(field, "at most " + max + " " + what, count);
    }
  }

  /**
   * Every entry of a repeated field of sizes: at most {@link #MAX_LAYERS} entries, each a size.
   *
   * @param field the field
   * @param sizes its values
   */
  public void sizes(String field, java.util.List<Integer> sizes) {
    atMost(field, sizes.size(), MAX_LAYERS, "layers");
    for (int h : sizes) {
      positive(field, h);
    }
  }

  /**
   * An activation the blocks know (not unspecified).
   *
   * @param field the field
   * @param a its value
   */
  public void activation(String field, io.tfvae.config.proto.Activation a) {
    if (a == io.tfvae.config.proto.Activation.ACTIVATION_UNSPECIFIED) {
      fail(field, "one of ELU, RELU, TANH, LINEAR", "ACTIVATION_UNSPECIFIED");
    }
  }

  /**
   * Fails: {@code SOURCE: PATH.FIELD: expected EXPECTED, got FOUND}.
   *
   * @param field the field ("" for this place itself)
   * @param expected what it must hold
   * @param found what it holds
   * @return never returns; declared so a caller may write {@code throw at.fail(...)}
   */
  public ModelDefinitionException fail(String field, String expected, Object found) {
    throw new ModelDefinitionException(
        source + ": " + name(field) + ": expected " + expected + ", got " + found);
  }

  /**
   * Fails for a setting that would be ignored: {@code SOURCE: PATH.FIELD: not used ...; remove it}.
   *
   * @param field the field
   * @param why why it is not used, and what to do ("not used with ...; remove it")
   * @return never returns
   */
  public ModelDefinitionException unused(String field, String why) {
    throw new ModelDefinitionException(source + ": " + name(field) + ": " + why);
  }

  private String name(String field) {
    return path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
  }
}
