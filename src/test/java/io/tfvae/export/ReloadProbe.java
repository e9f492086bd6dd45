package io.tfvae.export;

import io.tfvae.data.Binarization;
import io.tfvae.testing.FreshJvm;
import io.tfvae.testing.TinyData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The numbers a model computes on a fixed probe batch, as the hex bits of every float output of
 * {@code negative_elbo}, {@code negative_iwae} and {@code classify} (those it has), in key and name
 * order. Run as a program in a fresh JVM, it prints them for a SavedModel; tests compute the same
 * through the trainer and compare the strings.
 */
public final class ReloadProbe {
  /** Probe images. */
  public static final int N = 8;

  private static final List<String> KEYS = List.of("classify", "negative_elbo", "negative_iwae");

  /** How a side calls a signature. */
  @FunctionalInterface
  public interface Caller {
    /**
     * @param key signature key
     * @param inputs contract inputs
     * @return float outputs by name
     */
    Map<String, float[]> call(String key, Map<String, Tensor> inputs);
  }

  private ReloadProbe() {}

  /**
   * The probe's bits.
   *
   * @param signatures the model's signatures (their input names decide what is fed)
   * @param dim pixels per image
   * @param caller calls a signature
   * @return hex bits, space-separated
   */
  public static String bits(List<Signature> signatures, int dim, Caller caller) {
    Map<String, Signature> byKey = new TreeMap<>();
    signatures.forEach(s -> byKey.put(s.key(), s));
    float[] x = Binarization.fixed(TinyData.images(N, dim, 99), 0);
    StringBuilder sb = new StringBuilder();
    for (String key : KEYS) {
      Signature s = byKey.get(key);
      if (s == null) {
        continue;
      }
      Set<String> names = s.inputNames();
      Map<String, Tensor> in = new LinkedHashMap<>();
      try {
        in.put("x", TFloat32.tensorOf(Shape.of(N, dim), DataBuffers.of(x, true, false)));
        if (names.contains("seed")) {
          in.put("seed", TInt64.vectorOf(1, 2));
        }
        if (names.contains("m")) {
          in.put("m", TInt32.scalarOf(10));
        }
        if (names.contains("y")) {
          int classes = (int) s.getInputs().get("y").shape.get(1);
          float[] y = new float[N * classes];
          for (int i = 0; i < N; i++) {
            y[i * classes + i % classes] = 1f;
          }
          in.put("y", TFloat32.tensorOf(Shape.of(N, classes), DataBuffers.of(y, true, false)));
        }
        sb.append(key).append(':');
        for (Map.Entry<String, float[]> e : new TreeMap<>(caller.call(key, in)).entrySet()) {
          for (float f : e.getValue()) {
            sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(f)));
          }
        }
        sb.append('\n');
      } finally {
        in.values().forEach(Tensor::close);
      }
    }
    return sb.toString().trim();
  }

  /** The probe of a loaded SavedModel. */
  static String bits(SavedModelBundle b, int dim) {
    return bits(
        b.signatures(),
        dim,
        (key, in) -> {
          Map<String, float[]> out = new LinkedHashMap<>();
          try (Result r = b.function(key).call(in)) {
            for (Map.Entry<String, Tensor> e : r) {
              TFloat32 t = (TFloat32) e.getValue();
              float[] v = new float[(int) t.shape().size()];
              t.copyTo(DataBuffers.of(v, false, false));
              out.put(e.getKey(), v);
            }
          }
          return out;
        });
  }

  /**
   * Prints the probe of a SavedModel.
   *
   * @param args the SavedModel directory and the pixels per image
   */
  public static void main(String[] args) {
    try (SavedModelBundle b = SavedModelBundle.load(args[0])) {
      System.out.println(bits(b, Integer.parseInt(args[1])));
    }
  }

  /**
   * Runs {@link #main} in a fresh JVM and returns what it printed.
   *
   * @param dir the SavedModel
   * @param dim pixels per image
   * @return the probe's bits
   * @throws Exception if the child fails
   */
  public static String inFreshJvm(Path dir, int dim) throws Exception {
    Process p =
        FreshJvm.command(ReloadProbe.class, dir.toString(), String.valueOf(dim))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .trim();
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("the reload probe failed: " + out);
    }
    return out;
  }

  /**
   * The probe computed by a trainer, through its own signatures.
   *
   * @param t the trainer
   * @param exported a SavedModel it exported (for the signatures' input names)
   * @return the probe's bits
   */
  public static String bits(io.tfvae.training.Trainer t, Path exported) {
    try (SavedModelBundle b = SavedModelBundle.load(exported.toString())) {
      return bits(b.signatures(), t.dataDim(), t.calls()::call);
    }
  }
}
