package io.tfvae.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Blocks applied one after the other; each part's input shape is the output shape of the one
 * before, so a stack that does not fit fails when it is built, naming the part. Part {@code p} of a
 * sequence named {@code n} is named {@code n.p}.
 */
public final class Sequential implements Block {
  private final String name;
  private final Shape input;
  private final List<Block> parts;

  private Sequential(String name, Shape input, List<Block> parts) {
    this.name = name;
    this.input = input;
    this.parts = List.copyOf(parts);
  }

  /**
   * Starts a sequence.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (Block b : parts) {
      h = b.apply(tf, h);
    }
    return h;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape inputShape() {
    return input;
  }

  @Override
  public Shape outputShape() {
    return parts.isEmpty() ? input : parts.get(parts.size() - 1).outputShape();
  }

  @Override
  public long multiplyAdds() {
    return parts.stream().mapToLong(Block::multiplyAdds).sum();
  }

  @Override
  public String kind() {
    return "sequential of " + parts.size();
  }

  @Override
  public List<Block> parts() {
    return parts;
  }

  /** Builder of a sequence's spec: parts in order, each with a name unique in the sequence. */
  public static final class Builder {
    private final Map<String, BlockSpec> parts = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Appends a part.
     *
     * @param name the part's name within the sequence ({@code conv_0})
     * @param spec the part
     * @return this
     * @throws IllegalArgumentException if the name is taken or contains a dot
     */
    public Builder add(String name, BlockSpec spec) {
      if (name.isEmpty() || name.contains(".") || parts.containsKey(name)) {
        throw new IllegalArgumentException(
            "sequential: part names must be non-empty, without dots and unique, got '"
                + name
                + "'");
      }
      parts.put(name, spec);
      return this;
    }

    /**
     * The spec.
     *
     * @return the recipe
     */
    public BlockSpec build() {
      Map<String, BlockSpec> copy = new LinkedHashMap<>(parts);
      return (params, name, input) -> {
        List<Block> built = new ArrayList<>();
        Shape shape = input;
        for (Map.Entry<String, BlockSpec> e : copy.entrySet()) {
          Block b = e.getValue().create(params, name + "." + e.getKey(), shape);
          built.add(b);
          shape = b.outputShape();
        }
        return new Sequential(name, input, built);
      };
    }
  }
}
