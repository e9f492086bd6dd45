package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tfvae.testing.TestSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatelessUniformTest {
  /** TensorFlow's own draw of a [rows, cols] uniform under (s0, s1). */
  private static float[] tensorflow(long s0, long s1, int rows, int cols) {
    try (TestSession s = new TestSession()) {
      var seed = s.tf.constant(new long[] {s0, s1});
      return s.evalF32(
          s.tf.random.statelessRandomUniform(s.tf.constant(new int[] {rows, cols}), seed));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0, 100, 784",
    "0, 1, 3, 5",
    "7, 40000, 200, 784",
    "-3, 9223372036854775807, 17, 31",
    "123456789012, -2, 1, 1",
  })
  void everyElementEqualsTensorFlowsBitForBit(long s0, long s1, int rows, int cols) {
    float[] expected = tensorflow(s0, s1, rows, cols);
    StatelessUniform u = new StatelessUniform(s0, s1);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]),
          Float.floatToRawIntBits(u.at(i)),
          "element " + i + " of seed (" + s0 + ", " + s1 + ")");
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "0, 2", "1, 0"})
  void neighbouringSeedsDrawDifferentNumbers(long s0, long s1) {
    StatelessUniform a = new StatelessUniform(s0, s1);
    StatelessUniform b = new StatelessUniform(s0, s1 + 1);
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      same += a.at(i) == b.at(i) ? 1 : 0;
    }
    assertNotEquals(1000, same);
    assertEquals(0, same, 2);
  }
}
