package io.tfvae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

class WeightNormTest {
  /** Normal values with mean 2 and standard deviation 3: far from what the layers normalize to. */
  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 + 3 * r.nextGaussian());
    }
    return v;
  }

  /** Initializes the variables, then runs the data-dependent initializers in order. */
  private static void initializeFromData(TestSession s, Parameters p) {
    s.session().initialize();
    for (Op init : p.dataInitializers()) {
      s.session().runner().addTarget(init).run().close();
    }
  }

  private static Output<TFloat32> variable(TestSession s, String name) {
    return s.graph.operation(name).<TFloat32>output(0);
  }

  private static float[] value(TestSession s, String name) {
    return s.evalF32(s.tf.identity(variable(s, name)));
  }

  /**
   * Each unit u of values [rows, units] (units the last axis) has mean 0 and variance 1 over the
   * rows: mean = Σ y / n, variance = Σ (y − mean)² / n, as the initializer computes them.
   */
  private static void assertStandardized(float[] y, int units, String what) {
    int rows = y.length / units;
    for (int u = 0; u < units; u++) {
      double mean = 0;
      for (int r = 0; r < rows; r++) {
        mean += y[r * units + u];
      }
      mean /= rows;
      double variance = 0;
      for (int r = 0; r < rows; r++) {
        double d = y[r * units + u] - mean;
        variance += d * d;
      }
      variance /= rows;
      assertEquals(0, mean, 1e-4, what + ": mean of unit " + u);
      assertEquals(1, variance, 1e-3, what + ": variance of unit " + u);
    }
  }

  /**
   * Two dense layers with ELU between, started from a batch: each layer's pre-activations (its
   * linear output) on that batch have mean 0 and variance 1 per unit, the second's taken after the
   * first was set (the initializers run in order).
   */
  @Test
  void denseLayersPreActivationsOnTheInitBatchHaveMeanZeroAndVarianceOne() {
    try (TestSession s = new TestSession()) {
      Parameters p = Parameters.initialized(s.tf, 5);
      Dense first = new Dense(p, "d0", 20, 8, Activation.LINEAR, true);
      Dense second = new Dense(p, "d1", 8, 5, Activation.LINEAR, true);
      Operand<TFloat32> y1 = first.apply(s.tf, s.f32(random(64 * 20, 1), 64, 20));
      Operand<TFloat32> y2 = second.apply(s.tf, s.tf.nn.elu(y1));
      assertEquals(2, p.dataInitializers().size(), "one initializer per layer");
      initializeFromData(s, p);
      assertStandardized(s.evalF32(y1), 8, "first layer");
      assertStandardized(s.evalF32(y2), 5, "second layer");
    }
  }

  /**
   * The same for images: a stride-2 convolution, then a convolution after ELU, each unit a filter
   * whose statistics run over the batch, height and width.
   */
  @Test
  void convolutionsPreActivationsOnTheInitBatchHaveMeanZeroAndVarianceOne() {
    try (TestSession s = new TestSession()) {
      Parameters p = Parameters.initialized(s.tf, 5);
      Block first =
          Conv2d.builder()
              .setFilters(4)
              .optStride(2)
              .optWeightNorm(true)
              .build()
              .create(p, "c0", Shape.of(8, 8, 2));
      Block second =
          Conv2d.builder()
              .setFilters(3)
              .optWeightNorm(true)
              .build()
              .create(p, "c1", Shape.of(4, 4, 4));
      Operand<TFloat32> y1 = first.apply(s.tf, s.f32(random(16 * 8 * 8 * 2, 2), 16, 8, 8, 2));
      Operand<TFloat32> y2 = second.apply(s.tf, s.tf.nn.elu(y1));
      initializeFromData(s, p);
      assertStandardized(s.evalF32(y1), 4, "first convolution");
      assertStandardized(s.evalF32(y2), 3, "second convolution");
    }
  }

  /**
   * Every upsampling method's output channels start standardized, a depth-to-space channel over the
   * factor² convolution channels that make it.
   */
  @Test
  void everyUpsamplingMethodStartsWithStandardizedChannels() {
    for (Upsample2d.Method m : Upsample2d.Method.values()) {
      try (TestSession s = new TestSession()) {
        Parameters p = Parameters.initialized(s.tf, 5);
        Block up =
            Upsample2d.builder()
                .setFilters(3)
                .optMethod(m)
                .optWeightNorm(true)
                .build()
                .create(p, "u", Shape.of(4, 4, 2));
        Operand<TFloat32> y = up.apply(s.tf, s.f32(random(8 * 4 * 4 * 2, 3), 8, 4, 4, 2));
        initializeFromData(s, p);
        assertStandardized(s.evalF32(y), 3, m.name());
      }
    }
  }

  /**
   * w = g · v / ‖v‖, ‖v‖ over each output unit's column: the layer at the identity matrix is w + b
   * (its first application, on a batch, added the initializer, so g and b are no longer 1 and 0).
   */
  @Test
  void theKernelIsGTimesVOverItsNormPerOutputUnit() {
    int in = 4;
    int out = 3;
    try (TestSession s = new TestSession()) {
      Parameters p = Parameters.initialized(s.tf, 9);
      Dense d = new Dense(p, "d", in, out, Activation.LINEAR, true);
      d.apply(s.tf, s.f32(random(32 * in, 4), 32, in));
      float[] eye = new float[in * in];
      for (int i = 0; i < in; i++) {
        eye[i * in + i] = 1f;
      }
      Operand<TFloat32> atIdentity = d.apply(s.tf, s.f32(eye, in, in));
      assertEquals(1, p.dataInitializers().size(), "only the first application adds one");
      initializeFromData(s, p);
      float[] v = value(s, "d.v");
      float[] g = value(s, "d.g");
      float[] b = value(s, "d.b");
      float[] got = s.evalF32(atIdentity);
      for (int j = 0; j < out; j++) {
        assertTrue(Math.abs(g[j] - 1f) > 1e-3, "g was set from the batch: " + g[j]);
        double norm = 0;
        for (int i = 0; i < in; i++) {
          norm += (double) v[i * out + j] * v[i * out + j];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < in; i++) {
          double w = g[j] * v[i * out + j] / norm;
          assertEquals(w, got[i * out + j] - b[j], 1e-5, "w[" + i + "," + j + "]");
        }
      }
    }
  }

  /**
   * A convolution's output depends on v only through each filter's direction: scaling the slice of
   * v that feeds output channel c by c + 2 changes nothing, for every layout of the kernel (the
   * output channels are axis 3 of a convolution's, axis 2 of a transposed convolution's, and every
   * filters-th channel of the convolution before depth-to-space).
   */
  @Test
  void theOutputDependsOnVOnlyThroughEachFiltersDirection() {
    int filters = 3;
    for (String kind : List.of("CONV", "TRANSPOSED", "NEAREST", "DEPTH_TO_SPACE")) {
      try (TestSession s = new TestSession()) {
        Parameters p = Parameters.initialized(s.tf, 5);
        BlockSpec spec =
            kind.equals("CONV")
                ? Conv2d.builder().setFilters(filters).optWeightNorm(true).build()
                : Upsample2d.builder()
                    .setFilters(filters)
                    .optMethod(Upsample2d.Method.valueOf(kind))
                    .optWeightNorm(true)
                    .build();
        Block layer = spec.create(p, "w", Shape.of(4, 4, 2));
        Operand<TFloat32> y = layer.apply(s.tf, s.f32(random(4 * 4 * 4 * 2, 6), 4, 4, 4, 2));
        initializeFromData(s, p);
        float[] before = s.evalF32(y);
        Output<TFloat32> v = variable(s, "w.v");
        long[] shape = v.shape().asArray();
        float[] scaled = value(s, "w.v");
        long last = shape[3];
        for (int i = 0; i < scaled.length; i++) {
          int channel =
              kind.equals("TRANSPOSED")
                  ? (int) ((i / last) % shape[2])
                  : (int) ((i % last) % filters);
          scaled[i] *= channel + 2;
        }
        s.session()
            .runner()
            .addTarget(s.tf.assign(v, s.tf.constant(Shape.of(shape), DataBuffers.of(scaled))))
            .run()
            .close();
        float[] after = s.evalF32(y);
        assertArrayEquals(scaled, value(s, "w.v"), kind + ": v was scaled");
        assertArrayEquals(before, after, 1e-4f, kind);
      }
    }
  }
}
