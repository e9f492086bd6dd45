package io.tfvae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.distributions.CategoricalPosterior;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.StandardNormalPrior;
import io.tfvae.testing.TestSession;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Which signatures follow from which capabilities, on stand-in parts of width Z = 2, D = 3. */
class LatentSignaturesTest {
  private static final int D = 3;
  private static final int Z = 2;

  private static final Set<String> EVERY_MODEL =
      Set.of("negative_elbo", "sample", "encode", "decode", "log_prior");

  private enum Labels {
    NONE,
    OBSERVED,
    LATENT
  }

  /** Each signature built, as its key and its inputs' names, e.g. "encode[x, y]". */
  private static Set<String> built(PosteriorFamily family, Labels labels) {
    try (TestSession s = new TestSession()) {
      Set<String> out = new TreeSet<>();
      for (Signature sig : build(s.tf, family, labels)) {
        out.add(sig.key() + new TreeSet<>(sig.inputNames()));
      }
      return out;
    }
  }

  private static Set<String> keys(PosteriorFamily family) {
    Set<String> out = new TreeSet<>();
    built(family, Labels.NONE).forEach(k -> out.add(k.substring(0, k.indexOf('['))));
    return out;
  }

  private static List<Signature> build(Ops tf, PosteriorFamily family, Labels labels) {
    // Stand-in parts: q = N(0, softplus(0)) for every row, E[x | z] = sigmoid(z W) with W zeros;
    // only which signatures exist, and their inputs, are tested.
    Signatures.Function<Posterior> encoder =
        (s, x, y) ->
            DiagonalGaussian.FAMILY.fromNetworkOutput(
                s, s.math.mul(rowSums(s, x, 2 * Z), s.constant(0f)));
    Signatures.Function<Operand<TFloat32>> decodeMean =
        (s, z, y) ->
            s.math.sigmoid(
                s.linalg.matMul(z, s.zeros(s.constant(new int[] {Z, D}), TFloat32.class)));
    LatentSignatures b =
        LatentSignatures.builder(new Signatures.Inputs(tf, D, Z, labels == Labels.NONE ? 0 : 4))
            .setNegativeElbo(
                (s, x, y, seed) -> {
                  Operand<TFloat32> zero =
                      s.math.mul(s.reduceSum(x, s.constant(1)), s.constant(0f));
                  return new NegativeElbo(zero, zero, zero);
                })
            .setPrior(new StandardNormalPrior(Z), decodeMean)
            .setCodes(encoder, decodeMean);
    if (family != null) {
      b.optPosterior(
          family,
          Z,
          (s, x, y, m, seed) -> s.math.mul(s.reduceSum(x, s.constant(1)), s.constant(0f)));
    }
    if (labels == Labels.OBSERVED) {
      b.optObservedLabels();
    } else if (labels == Labels.LATENT) {
      b.optLatentLabels();
    }
    return b.build();
  }

  /** [batch, width] of x's row sums, repeated. */
  private static Operand<TFloat32> rowSums(Ops tf, Operand<TFloat32> x, int width) {
    return tf.tile(
        tf.reduceSum(x, tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true)),
        tf.constant(new int[] {1, width}));
  }

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> out = new TreeSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  @Test
  void aFamilyWithADensityAddsTheBoundAndThePosteriorsSignatures() {
    assertEquals(
        plus(EVERY_MODEL, "negative_iwae", "log_posterior", "sample_posterior"),
        keys(DiagonalGaussian.FAMILY));
  }

  @Test
  void aFamilyWithoutADensityAddsTheBoundAlone() {
    PosteriorFamily categorical = CategoricalPosterior.family(1, Z);
    assertEquals(false, categorical.hasDensity());
    assertEquals(plus(EVERY_MODEL, "negative_iwae"), keys(categorical));
  }

  @Test
  void noFamilyOverTheWholeCodeLeavesTheBoundsAndCodesOnly() {
    assertEquals(new TreeSet<>(EVERY_MODEL), keys(null));
  }

  @Test
  void observedLabelsAreInputsOfEverySignatureButLogPrior() {
    assertEquals(
        new TreeSet<>(
            Set.of(
                "decode[y, z]",
                "encode[x, y]",
                "log_posterior[x, y, z]",
                "log_prior[z]",
                "negative_elbo[seed, x, y]",
                "negative_iwae[m, seed, x, y]",
                "sample[n, seed, y]",
                "sample_conditional[y, z]",
                "sample_posterior[seed, x, y]")),
        built(DiagonalGaussian.FAMILY, Labels.OBSERVED));
  }

  @Test
  void latentLabelsAreInputsOfTheCodesSignaturesOnly() {
    assertEquals(
        new TreeSet<>(
            Set.of(
                "decode[y, z]",
                "encode[x, y]",
                "log_prior[z]",
                "negative_elbo[seed, x]",
                "sample[n, seed]",
                "sample_conditional[y, z]")),
        built(null, Labels.LATENT));
  }

  @Test
  void aMissingPartIsNamed() {
    try (TestSession s = new TestSession()) {
      var b = LatentSignatures.builder(new Signatures.Inputs(s.tf, D, Z, 0));
      IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
      assertEquals(
          "LatentSignatures: call setNegativeElbo, setPrior and setCodes before build",
          e.getMessage());
    }
  }
}
