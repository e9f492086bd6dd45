package io.tfvae.export;

import io.tfvae.data.Binarization;
import io.tfvae.testing.TinyData;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Run in a fresh JVM by ExportTest: loads a SavedModel with plain TensorFlow Java, calls
 * negative_elbo and negative_iwae on the probe batch and prints every float's bits in hex.
 */
public final class ReloadProbe {
  static final int N = 8;
  static final int D = 20;

  static float[] probe() {
    return Binarization.fixed(TinyData.images(N, D, 99), 0);
  }

  public static void main(String[] args) {
    try (SavedModelBundle b = SavedModelBundle.load(args[0]);
        TFloat32 x = TFloat32.tensorOf(Shape.of(N, D), DataBuffers.of(probe(), true, false));
        TInt64 seed = TInt64.vectorOf(1, 2);
        TInt32 m = TInt32.scalarOf(10);
        Result e = b.function("negative_elbo").call(Map.of("x", x, "seed", seed));
        Result i = b.function("negative_iwae").call(Map.of("x", x, "seed", seed, "m", m))) {
      StringBuilder sb = new StringBuilder();
      for (String k : new String[] {"nelbo", "kl", "rec"}) {
        TFloat32 t = (TFloat32) e.get(k).orElseThrow();
        for (int j = 0; j < N; j++) {
          sb.append(Integer.toHexString(Float.floatToRawIntBits(t.getFloat(j)))).append(' ');
        }
      }
      TFloat32 t = (TFloat32) i.get("niwae").orElseThrow();
      for (int j = 0; j < N; j++) {
        sb.append(Integer.toHexString(Float.floatToRawIntBits(t.getFloat(j)))).append(' ');
      }
      System.out.println(sb.toString().trim());
    }
  }
}
