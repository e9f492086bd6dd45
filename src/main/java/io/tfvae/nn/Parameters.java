package io.tfvae.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Creates the model's weight variables. The same model code builds the training graph (weights
 * initialised from a seed) and the export graph (weights restored from a checkpoint), and both give
 * every variable the same name, so a checkpoint of one restores into the other.
 *
 * <p>Variables live in the graph's root scope under dotted names ({@code encoder.dense_0.kernel}):
 * tensorflow-framework's optimizers name their slots {@code <variable>-m}, which must not contain a
 * scope separator.
 *
 * <p>Some variables start from data (weight normalization's scale and bias): their blocks add a
 * data-dependent initializer here, and whoever trains the graph runs {@link #dataInitializers()}
 * after the variables' own initializers and before the first step.
 */
public abstract class Parameters {
  /** Ops of the graph's root scope. */
  protected final Ops tf;

  // Parts built once in this graph and shared by name (see sharedPart).
  private final java.util.Map<String, Object> sharedParts = new java.util.HashMap<>();
  private final boolean fromData;
  private final List<Op> dataInitializers = new ArrayList<>();

  private Parameters(Ops tf, boolean fromData) {
    this.tf = tf;
    this.fromData = fromData;
  }

  /**
   * Whether this graph's variables start from their initializers, and so may be set from data
   * before training: true for {@link #initialized}, false for {@link #restored} (whose variables
   * come from a checkpoint that already holds the data-dependent values).
   *
   * @return whether blocks should add their data-dependent initializers
   */
  public boolean initializesFromData() {
    return fromData;
  }

  /**
   * Adds an op that sets variables from the model's first pass over a batch (a block's statistics
   * of its pre-activations). Initializers run in the order added, each in a run of its own, so each
   * sees the values the ones before it set: add them in the order of the forward pass.
   *
   * @param init the op, run with the training step's inputs fed
   * @throws IllegalStateException on a graph that does not initialize from data
   */
  public void addDataInitializer(Op init) {
    if (!fromData) {
      throw new IllegalStateException(
          "addDataInitializer: this graph's variables are restored; check initializesFromData()"
              + " first");
    }
    dataInitializers.add(init);
  }

  /**
   * The data-dependent initializers added so far, in order.
   *
   * @return the ops (none unless a block asked for one)
   */
  public List<Op> dataInitializers() {
    return List.copyOf(dataInitializers);
  }

  /**
   * Creates a float variable.
   *
   * @param name dotted variable name, unique in the graph
   * @param shape its shape
   * @param bound initial values are uniform in [-bound, bound]
   * @return the variable
   */
  public abstract Variable<TFloat32> uniform(String name, Shape shape, float bound);

  /**
   * Creates a float variable initialised from a standard normal scaled by {@code scale}.
   *
   * @param name dotted variable name, unique in the graph
   * @param shape its shape
   * @param scale standard deviation of the initial values
   * @return the variable
   */
  public abstract Variable<TFloat32> normal(String name, Shape shape, float scale);

  /**
   * A variable whose initial values are computed in Java (from data, say) rather than drawn in the
   * graph. A restored graph never calls {@code values}.
   *
   * @param name the variable's name
   * @param shape its shape
   * @param values the values in row-major order, given the variable's key {@code seed ^
   *     nameKey(name)} for any choice they make
   * @return the variable
   */
  public abstract Variable<TFloat32> given(String name, Shape shape, LongFunction<float[]> values);

  /**
   * A part that several parts of one graph use together, built by the first that asks for it: a
   * hierarchy's prior and its ladder posterior share the prior's networks this way. The part lives
   * as long as this graph's variable factory, so each graph builds its own.
   *
   * @param <T> the part's type
   * @param name the part's name in this graph (its variables' prefix, say)
   * @param type the part's class, checked against what was built under the name
   * @param build builds the part, once per graph
   * @return the part
   */
  public <T> T sharedPart(String name, Class<T> type, java.util.function.Supplier<T> build) {
    Object part = sharedParts.get(name);
    if (part == null) {
      part = build.get();
      sharedParts.put(name, part);
    }
    return type.cast(part);
  }

  /**
   * Reads a variable's value for use in the model. Always read through this: an op applied to the
   * raw {@code VariableV2} output sees a reference dtype, and some C++ gradient functions
   * (Square's, for one) then cast to that dtype and abort the whole process.
   *
   * @param tf ops
   * @param variable the variable
   * @return its value
   */
  public static Operand<TFloat32> read(Ops tf, Variable<TFloat32> variable) {
    return tf.identity(variable);
  }

  /**
   * Variables initialised from stateless random ops keyed by {@code (seed, nameKey(name))}, so a
   * variable's initial value depends only on the seed and its own name: moving a line of model
   * code, or adding a variable, changes no other variable's start.
   *
   * @param tf ops of the graph
   * @param seed the model seed
   * @return the factory
   */
  public static Parameters initialized(Ops tf, long seed) {
    return initialized(tf, seed, null);
  }

  /**
   * Variables initialised as {@link #initialized(Ops, long)} does, each placed on a device chosen
   * by its name (parameter servers in a cluster).
   *
   * @param root ops of the graph
   * @param seed the model seed
   * @param placement the device of a variable given its name, or null for no placement
   * @return the factory
   */
  public static Parameters initialized(
      Ops root, long seed, java.util.function.Function<String, DeviceSpec> placement) {
    return new Parameters(root, true) {
      private Ops on(String name) {
        return placement == null ? root : root.withDevice(placement.apply(name));
      }

      @Override
      public Variable<TFloat32> given(String name, Shape shape, LongFunction<float[]> values) {
        float[] v = values.apply(seed ^ nameKey(name));
        Ops tf = on(name);
        if (v.length != shape.size()) {
          throw new IllegalArgumentException(
              name + ": expected " + shape.size() + " initial values, got " + v.length);
        }
        return tf.withName(name).variable(tf.constant(shape, DataBuffers.of(v, true, false)));
      }

      @Override
      public Variable<TFloat32> uniform(String name, Shape shape, float bound) {
        Ops tf = on(name);
        var u = tf.random.statelessRandomUniform(tf.constant(shape), key(name));
        var init = tf.math.mul(tf.math.sub(u, tf.constant(0.5f)), tf.constant(2f * bound));
        return tf.withName(name).variable(init);
      }

      @Override
      public Variable<TFloat32> normal(String name, Shape shape, float scale) {
        Ops tf = on(name);
        var n = tf.random.statelessRandomNormal(tf.constant(shape), key(name));
        return tf.withName(name).variable(tf.math.mul(n, tf.constant(scale)));
      }

      private Operand<TInt64> key(String name) {
        return root.constant(new long[] {seed, nameKey(name)});
      }
    };
  }

  /**
   * The second half of a variable's initialisation key: the first 8 bytes of SHA-256 of its name
   * (UTF-8), big-endian. A fixed, documented function, so any client can recompute a model's
   * initial weights.
   *
   * @param name the variable's name
   * @return the key
   */
  public static long nameKey(String name) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(h, 0, 8).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Variables without initialisers, to be filled by {@code Session.restore} from a checkpoint (the
   * export graph).
   *
   * @param tf ops of the graph
   * @return the factory
   */
  public static Parameters restored(Ops tf) {
    return new Parameters(tf, false) {
      @Override
      public Variable<TFloat32> given(String name, Shape shape, LongFunction<float[]> values) {
        return tf.withName(name).variable(shape, TFloat32.class);
      }

      @Override
      public Variable<TFloat32> uniform(String name, Shape shape, float bound) {
        return tf.withName(name).variable(shape, TFloat32.class);
      }

      @Override
      public Variable<TFloat32> normal(String name, Shape shape, float scale) {
        return tf.withName(name).variable(shape, TFloat32.class);
      }
    };
  }
}
