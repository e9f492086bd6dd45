package io.tfvae.userland;

import io.tfvae.nn.Activation;
import io.tfvae.nn.Block;
import io.tfvae.nn.BlockSpec;
import io.tfvae.nn.Conv2d;
import io.tfvae.nn.Dense;
import io.tfvae.nn.Parameters;
import io.tfvae.nn.Reshape;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A user's encoder block: the flat image as 28 × 28 × 1, two stride-2 convolutions, the mean of
 * each channel over the 7 × 7 positions (global average pooling, which the framework does not offer
 * as a block), and a dense layer to the posterior's parameters.
 */
final class SmallConvEncoder implements BlockSpec {
  private final int outWidth;

  SmallConvEncoder(int outWidth) {
    this.outWidth = outWidth;
  }

  @Override
  public Block create(Parameters params, String name, Shape input) {
    return new Built(params, name, input, outWidth);
  }

  private static final class Built implements Block {
    private final String name;
    private final Shape input;
    private final Block image;
    private final Block first;
    private final Block second;
    private final Block head;

    Built(Parameters params, String name, Shape input, int outWidth) {
      this.name = name;
      this.input = input;
      this.image = Reshape.to(28, 28, 1).create(params, name + ".image", input);
      this.first =
          Conv2d.builder()
              .setFilters(8)
              .optStride(2)
              .optActivation(Activation.ELU)
              .build()
              .create(params, name + ".conv_0", image.outputShape());
      this.second =
          Conv2d.builder()
              .setFilters(16)
              .optStride(2)
              .optActivation(Activation.ELU)
              .build()
              .create(params, name + ".conv_1", first.outputShape());
      this.head =
          Dense.spec(outWidth, Activation.LINEAR).create(params, name + ".head", Shape.of(16));
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      Operand<TFloat32> h = second.apply(tf, first.apply(tf, image.apply(tf, x)));
      Operand<TFloat32> pooled = tf.math.mean(h, tf.constant(new int[] {1, 2}));
      return head.apply(tf, pooled);
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
      return head.outputShape();
    }

    @Override
    public long multiplyAdds() {
      return first.multiplyAdds() + second.multiplyAdds() + head.multiplyAdds();
    }

    @Override
    public String kind() {
      return "small conv encoder with average pooling";
    }

    @Override
    public List<Block> parts() {
      return List.of(image, first, second, head);
    }
  }
}
