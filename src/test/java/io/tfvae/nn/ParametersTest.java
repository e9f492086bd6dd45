package io.tfvae.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.TestSession;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class ParametersTest {
  @Test
  void theNameKeyIsTheFirstEightBytesOfTheNamesSha256() {
    // From Python: struct.unpack('>q', hashlib.sha256(name.encode()).digest()[:8])[0]
    assertEquals(2620079728670316667L, Parameters.nameKey("encoder.dense_0.kernel"));
    assertEquals(1113807932557307450L, Parameters.nameKey("prior.mixture"));
  }

  /** Initial values of (seed, names) in creation order; the extra name is created first. */
  private static List<float[]> initialValues(long seed, String extraFirst, String... names) {
    try (TestSession s = new TestSession()) {
      Parameters p = Parameters.initialized(s.tf, seed);
      if (extraFirst != null) {
        p.uniform(extraFirst, Shape.of(7), 1f);
      }
      List<Variable<TFloat32>> vars =
          Arrays.stream(names).map(n -> p.uniform(n, Shape.of(3, 4), 0.5f)).toList();
      s.session().initialize();
      return s.evalF32(vars.stream().map(v -> Parameters.read(s.tf, v)).toList());
    }
  }

  @Test
  void aVariablesStartDependsOnItsNameAndTheSeedNotOnWhatWasCreatedBefore() {
    List<float[]> plain = initialValues(3, null, "a.kernel", "b.kernel");
    List<float[]> moved = initialValues(3, "zzz", "b.kernel", "a.kernel");
    assertArrayEquals(
        plain.get(0), moved.get(1), "a.kernel, created second after another variable");
    assertArrayEquals(plain.get(1), moved.get(0), "b.kernel, created first after another variable");
    assertFalse(Arrays.equals(plain.get(0), plain.get(1)), "two names, two starts");
    assertFalse(
        Arrays.equals(plain.get(0), initialValues(4, null, "a.kernel").get(0)),
        "another seed, another start");
    for (float v : plain.get(0)) {
      assertTrue(v >= -0.5f && v <= 0.5f, "uniform in [-bound, bound]: " + v);
    }
  }
}
