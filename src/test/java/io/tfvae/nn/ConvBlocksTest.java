package io.tfvae.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class ConvBlocksTest {
  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static float[] variable(TestSession s, String name) {
    return s.evalF32(s.tf.identity(s.graph.<TFloat32>operation(name).output(0)));
  }

  /**
   * y[i, j, f] = b[f] + Σ_{u, v, c} x[i·s + u − p, j·s + v − p, c] K[u, v, c, f], zero outside the
   * image, with TensorFlow's SAME padding p = max(k − s, 0) / 2 on top and left for even sizes.
   */
  @Test
  void convolutionMatchesPlainJavaWithSamePaddingAndStride2() {
    int h = 6;
    int w = 6;
    int cin = 2;
    int cout = 3;
    int k = 3;
    int stride = 2;
    try (TestSession s = new TestSession()) {
      Block conv =
          Conv2d.builder()
              .setFilters(cout)
              .optKernelSize(k)
              .optStride(stride)
              .build()
              .create(Parameters.initialized(s.tf, 7), "c", Shape.of(h, w, cin));
      assertEquals(Shape.of(3, 3, cout), conv.outputShape());
      float[] x = random(h * w * cin, 1);
      Operand<TFloat32> y = conv.apply(s.tf, s.f32(x, 1, h, w, cin));
      s.session().initialize();
      float[] kernel = variable(s, "c.kernel");
      float[] bias = variable(s, "c.bias");
      float[] got = s.evalF32(y);
      int pad = Math.max(k - stride, 0) / 2;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int f = 0; f < cout; f++) {
            double v = bias[f];
            for (int u = 0; u < k; u++) {
              for (int q = 0; q < k; q++) {
                int r = i * stride + u - pad;
                int c = j * stride + q - pad;
                if (r < 0 || c < 0 || r >= h || c >= w) {
                  continue;
                }
                for (int ch = 0; ch < cin; ch++) {
                  v += x[(r * w + c) * cin + ch] * kernel[((u * k + q) * cin + ch) * cout + f];
                }
              }
            }
            assertEquals(v, got[(i * 3 + j) * cout + f], 1e-4, "y[" + i + "," + j + "," + f + "]");
          }
        }
      }
      assertEquals(3L * 3 * cout * k * k * cin, conv.multiplyAdds());
    }
  }

  /**
   * A transposed convolution is the adjoint of the strided convolution with the same kernel:
   * ⟨conv(a), b⟩ = ⟨convT(b), a⟩ for every a and b (without bias). Checked through the block's own
   * kernel, with the bias subtracted.
   */
  @Test
  void transposedUpsamplingIsTheAdjointOfTheStridedConvolution() {
    try (TestSession s = new TestSession()) {
      Block up =
          Upsample2d.builder()
              .setFilters(2)
              .build()
              .create(Parameters.initialized(s.tf, 3), "up", Shape.of(3, 3, 4));
      assertEquals(Shape.of(6, 6, 2), up.outputShape());
      float[] b = random(3 * 3 * 4, 2);
      float[] a = random(6 * 6 * 2, 3);
      Operand<TFloat32> kernel = s.tf.identity(s.graph.<TFloat32>operation("up.kernel").output(0));
      Operand<TFloat32> bias = s.tf.identity(s.graph.<TFloat32>operation("up.bias").output(0));
      Operand<TFloat32> upB = s.tf.math.sub(up.apply(s.tf, s.f32(b, 1, 3, 3, 4)), bias);
      Operand<TFloat32> convA =
          s.tf.nn.conv2d(s.f32(a, 1, 6, 6, 2), kernel, List.of(1L, 2L, 2L, 1L), "SAME");
      s.session().initialize();
      float[] ub = s.evalF32(upB);
      float[] ca = s.evalF32(convA);
      double left = 0;
      double right = 0;
      for (int i = 0; i < a.length; i++) {
        left += ub[i] * a[i];
      }
      for (int i = 0; i < b.length; i++) {
        right += ca[i] * b[i];
      }
      assertEquals(left, right, 1e-3 * Math.abs(left));
    }
  }

  @Test
  void everyUpsamplingMethodDoublesHeightAndWidthAndHasGradients() {
    for (Upsample2d.Method m : Upsample2d.Method.values()) {
      try (TestSession s = new TestSession()) {
        Block up =
            Upsample2d.builder()
                .setFilters(3)
                .optMethod(m)
                .optActivation(Activation.ELU)
                .build()
                .create(Parameters.initialized(s.tf, 3), "up", Shape.of(4, 5, 2));
        assertEquals(Shape.of(8, 10, 3), up.outputShape(), m.name());
        Operand<TFloat32> y = up.apply(s.tf, s.f32(random(2 * 4 * 5 * 2, 4), 2, 4, 5, 2));
        var kernel = s.graph.<TFloat32>operation("up.kernel").output(0);
        Operand<TFloat32> total = s.tf.reduceSum(y, s.tf.constant(new int[] {0, 1, 2, 3}));
        var grads = s.graph.addGradients(total.asOutput(), new org.tensorflow.Output<?>[] {kernel});
        s.session().initialize();
        assertEquals(2 * 8 * 10 * 3, s.evalF32(y).length, m.name());
        @SuppressWarnings("unchecked")
        Operand<TFloat32> grad = (Operand<TFloat32>) (Operand<?>) grads[0];
        float[] g = s.evalF32(s.tf.identity(grad));
        double norm = 0;
        for (float v : g) {
          norm += v * v;
        }
        assertEquals(true, norm > 0 && Double.isFinite(norm), m + ": gradient of the kernel");
      }
    }
  }

  @Test
  void residualAddsItsBranchToItsInput() {
    try (TestSession s = new TestSession()) {
      Block r =
          Residual.spec(3, Activation.RELU)
              .create(Parameters.initialized(s.tf, 5), "res", Shape.of(4, 4, 3));
      assertEquals(r.inputShape(), r.outputShape());
      Operand<TFloat32> x = s.f32(random(48, 6), 1, 4, 4, 3);
      Block first = r.parts().get(0);
      Block second = r.parts().get(1);
      Operand<TFloat32> branch =
          second.apply(s.tf, s.tf.nn.relu(first.apply(s.tf, s.tf.nn.relu(x))));
      Operand<TFloat32> y = r.apply(s.tf, x);
      s.session().initialize();
      float[] xs = s.evalF32(x);
      float[] bs = s.evalF32(branch);
      float[] ys = s.evalF32(y);
      for (int i = 0; i < ys.length; i++) {
        assertEquals(xs[i] + bs[i], ys[i], 1e-5);
      }
    }
  }

  /** With a residual scale s (the IAF paper's 0.1), y = x + s·branch, the same branch. */
  @Test
  void aScaledResidualAddsAFractionOfItsBranch() {
    try (TestSession s = new TestSession()) {
      Block r =
          Residual.spec(3, Activation.ELU, 0.1f)
              .create(Parameters.initialized(s.tf, 5), "res", Shape.of(4, 4, 3));
      assertEquals("residual, elu, scale 0.1", r.kind());
      Operand<TFloat32> x = s.f32(random(48, 6), 1, 4, 4, 3);
      Operand<TFloat32> branch =
          r.parts().get(1).apply(s.tf, s.tf.nn.elu(r.parts().get(0).apply(s.tf, s.tf.nn.elu(x))));
      Operand<TFloat32> y = r.apply(s.tf, x);
      s.session().initialize();
      float[] xs = s.evalF32(x);
      float[] bs = s.evalF32(branch);
      float[] ys = s.evalF32(y);
      for (int i = 0; i < ys.length; i++) {
        assertEquals(xs[i] + 0.1f * bs[i], ys[i], 1e-6);
      }
    }
  }

  @Test
  void aStackThatDoesNotFitFailsNamingTheBlock() {
    BlockSpec noFlatten =
        Sequential.builder()
            .add("image", Reshape.to(28, 28, 1))
            .add("conv_0", Conv2d.builder().setFilters(8).optStride(2).build())
            .add("output", Dense.spec(20, Activation.LINEAR))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> noFlatten.outputShape("encoder", Shape.of(784)));
    assertEquals(
        "encoder.output (dense): expected a vector input [width], got [14, 14, 8] (put a flatten"
            + " block before it)",
        e.getMessage());
    IllegalArgumentException wrongSize =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reshape.to(28, 28, 1).outputShape("encoder.image", Shape.of(794)));
    assertEquals(
        "encoder.image (reshape): cannot give [794] (794 values) the shape [28, 28, 1] (784"
            + " values)",
        wrongSize.getMessage());
  }

  @Test
  void aSequenceDescribesItsPartsWithShapesAndCountsTheirMultiplyAdds() {
    BlockSpec encoder =
        Sequential.builder()
            .add("image", Reshape.to(28, 28, 1))
            .add("conv_0", Conv2d.builder().setFilters(8).optStride(2).build())
            .add("flatten", Reshape.flatten())
            .add("output", Dense.spec(20, Activation.LINEAR))
            .build();
    try (TestSession s = new TestSession()) {
      Block b = encoder.create(Parameters.initialized(s.tf, 1), "encoder", Shape.of(784));
      assertEquals(
          List.of(
              "encoder: sequential of 4 [784] -> [20]",
              "  encoder.image: reshape [784] -> [28, 28, 1]",
              "  encoder.conv_0: conv2d 3x3 stride 2, 8 filters, same, linear [28, 28, 1] -> [14,"
                  + " 14, 8]",
              "  encoder.flatten: flatten [14, 14, 8] -> [1568]",
              "  encoder.output: dense 20, linear [1568] -> [20]"),
          b.describe());
      assertEquals(14L * 14 * 8 * 9 + 1568L * 20, b.multiplyAdds());
      assertEquals("encoder.output", Blocks.lastLayer(b).name());
    }
  }
}
