package io.tfvae.training;

import io.tfvae.models.Signatures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Calls a model's own signatures on the training session ({@link Trainer#calls()}), so what the
 * trainer reports is what the exported SavedModel computes: evaluate along the way with the current
 * weights. Inputs follow the contract's names; a signature that takes labels {@code y} gets them as
 * one-hot rows.
 */
public final class SignatureCalls {
  private final Map<String, SessionFunction> functions = new TreeMap<>();
  private final int dataDim;
  private final int classes;

  SignatureCalls(Session session, List<Signature> signatures, int dataDim, int classes) {
    for (Signature s : signatures) {
      functions.put(s.key(), SessionFunction.create(s, session));
    }
    this.dataDim = dataDim;
    this.classes = classes;
  }

  /**
   * The keys of the model's signatures.
   *
   * @return the keys, sorted
   */
  public Set<String> keys() {
    return functions.keySet();
  }

  boolean has(String key) {
    return functions.containsKey(key);
  }

  boolean takesLabels(String key) {
    return function(key).signature().inputNames().contains("y");
  }

  /**
   * Calls a signature and copies every float output into a Java array.
   *
   * @param key signature key
   * @param inputs the contract's inputs (the caller closes them)
   * @return outputs by name
   */
  public Map<String, float[]> call(String key, Map<String, Tensor> inputs) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result r = function(key).call(inputs)) {
      for (Map.Entry<String, Tensor> e : r) {
        TFloat32 t = (TFloat32) e.getValue();
        float[] values = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(values, false, false));
        out.put(e.getKey(), values);
      }
    }
    return out;
  }

  /**
   * Calls a signature of x (, y), seed (, m).
   *
   * @param key signature key
   * @param x {@code n * dataDim} values
   * @param labels n labels, used when the signature takes y
   * @param n rows
   * @param m importance samples, or null when the signature takes none
   * @param seed stateless seed, 2 longs, or null when the signature takes none
   * @return outputs by name
   */
  Map<String, float[]> callOnData(
      String key, float[] x, int[] labels, int n, Integer m, long[] seed) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    try {
      in.put("x", TFloat32.tensorOf(Shape.of(n, dataDim), DataBuffers.of(x, true, false)));
      if (seed != null) {
        in.put("seed", TInt64.vectorOf(seed));
      }
      if (m != null) {
        in.put("m", TInt32.scalarOf(m));
      }
      if (takesLabels(key)) {
        in.put("y", oneHot(labels, n));
      }
      return call(key, in);
    } finally {
      in.values().forEach(Tensor::close);
    }
  }

  /**
   * Per-example negative ELBO terms of the current weights ({@code negative_elbo}).
   *
   * @param x {@code n * dim} values as the model sees them (0/1 for a Bernoulli model)
   * @param labels n labels, used when the signature takes y (else may be null)
   * @param n number of examples
   * @param seed stateless noise seed, 2 longs
   * @return {nelbo, kl, rec}, each of length n
   */
  public float[][] negativeElbo(float[] x, int[] labels, int n, long[] seed) {
    Map<String, float[]> r = callOnData(Signatures.NEGATIVE_ELBO, x, labels, n, null, seed);
    return new float[][] {r.get("nelbo"), r.get("kl"), r.get("rec")};
  }

  /**
   * Per-example negative IWAE-m bound of the current weights ({@code negative_iwae}).
   *
   * @param x {@code n * dim} values as the model sees them
   * @param labels n labels, used when the signature takes y (else may be null)
   * @param n number of examples
   * @param m importance samples
   * @param seed stateless noise seed, 2 longs
   * @return the bound per example
   */
  public float[] negativeIwae(float[] x, int[] labels, int n, int m, long[] seed) {
    return callOnData(Signatures.NEGATIVE_IWAE, x, labels, n, m, seed).get("niwae");
  }

  /**
   * Class probabilities q(y | x) ({@code classify}).
   *
   * @param x {@code n * dim} values
   * @param n number of examples
   * @return {@code n * classes} probabilities
   */
  public float[] classify(float[] x, int n) {
    return callOnData(Signatures.CLASSIFY, x, null, n, null, null).get("probabilities");
  }

  /**
   * Samples of the current model ({@code sample}): n codes from the prior, decoded; a signature
   * that takes labels gets label i mod C for row i.
   *
   * @param n number of samples
   * @param seed stateless seed, 2 longs
   * @return {@code n * dim} values
   */
  public float[] sample(int n, long[] seed) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    try {
      in.put("n", TInt32.scalarOf(n));
      in.put("seed", TInt64.vectorOf(seed));
      if (takesLabels(Signatures.SAMPLE)) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          labels[i] = i % classes;
        }
        in.put("y", oneHot(labels, n));
      }
      return call(Signatures.SAMPLE, in).get("x_mean");
    } finally {
      in.values().forEach(Tensor::close);
    }
  }

  private TFloat32 oneHot(int[] labels, int n) {
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException(
          "this model takes labels: expected "
              + n
              + ", got "
              + (labels == null ? "none" : labels.length));
    }
    return TFloat32.tensorOf(
        Shape.of(n, classes), DataBuffers.of(oneHotValues(labels, classes), true, false));
  }

  /** Row-major [n, c] one-hot rows; each label must lie in 0..c-1. */
  static float[] oneHotValues(int[] labels, int c) {
    float[] y = new float[labels.length * c];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= c) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of example " + i + " is outside 0.." + (c - 1));
      }
      y[i * c + labels[i]] = 1f;
    }
    return y;
  }

  private SessionFunction function(String key) {
    SessionFunction f = functions.get(key);
    if (f == null) {
      throw new IllegalStateException(
          "the model has no '"
              + key
              + "' signature; it has: "
              + String.join(", ", functions.keySet()));
    }
    return f;
  }
}
