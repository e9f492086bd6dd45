package io.tfvae.distributions;

import io.tfvae.nn.Block;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A decoder block on the whole code [z_1, ..., z_L] of {@link StochasticLayers} that reads its
 * first layer: p(x | z_1).
 */
final class FirstLayerDecoder implements Block {
  private final Block inner;
  private final int total;
  private final int first;

  FirstLayerDecoder(Block inner, int total, int first) {
    this.inner = inner;
    this.total = total;
    this.first = first;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Shape inputShape() {
    return Shape.of(total);
  }

  @Override
  public Shape outputShape() {
    return inner.outputShape();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> z1 =
        tf.slice(x, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, first}));
    return inner.apply(tf, z1);
  }

  @Override
  public long multiplyAdds() {
    return inner.multiplyAdds();
  }

  @Override
  public String kind() {
    return "z_1 (the first " + first + " of " + total + " code values), then " + inner.kind();
  }

  @Override
  public List<Block> parts() {
    return List.of(inner);
  }
}
