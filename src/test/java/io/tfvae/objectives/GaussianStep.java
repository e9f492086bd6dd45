package io.tfvae.objectives;

import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.Gaussians;
import io.tfvae.distributions.Posterior;
import io.tfvae.testing.TestSession;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A step record written by hand for objective tests: a batch of M diagonal-Gaussian posteriors
 * (means and variances given), one code per example, a standard-normal prior and a fixed log p(x |
 * z), over a training set of N examples.
 */
class GaussianStep implements StepRecord {
  final TestSession s;
  final int m;
  final int d;
  final float[] means;
  final float[] variances;
  final float[] codes;
  final float[] logPxGivenZ;
  final long n;

  GaussianStep(
      TestSession s, int m, int d, float[] means, float[] variances, float[] codes, long n) {
    this.s = s;
    this.m = m;
    this.d = d;
    this.means = means;
    this.variances = variances;
    this.codes = codes;
    this.logPxGivenZ = new float[m];
    for (int i = 0; i < m; i++) {
      logPxGivenZ[i] = -50f - i;
    }
    this.n = n;
  }

  @Override
  public Posterior posterior() {
    return new DiagonalGaussian(s.f32(means, m, d), s.f32(variances, m, d));
  }

  @Override
  public Operand<TFloat32> z() {
    return s.f32(codes, m, d);
  }

  @Override
  public Operand<TFloat32> logQzGivenX() {
    return posterior().logProb(s.tf, z());
  }

  @Override
  public Operand<TFloat32> logPz() {
    return Gaussians.logStdNormal(s.tf, z());
  }

  @Override
  public Operand<TFloat32> logPxGivenZ() {
    return s.f32(logPxGivenZ, m);
  }

  @Override
  public long datasetSize() {
    return n;
  }

  @Override
  public Operand<TFloat32> priorSamples() {
    throw new UnsupportedOperationException("not in this test");
  }

  @Override
  public Operand<TFloat32> nelbo() {
    return s.tf.math.add(rec(), kl());
  }

  @Override
  public Operand<TFloat32> rec() {
    return s.tf.math.neg(logPxGivenZ());
  }

  @Override
  public Operand<TFloat32> kl() {
    return s.tf.math.sub(logQzGivenX(), logPz());
  }

  @Override
  public Optional<Operand<TFloat32>> klPerDimension() {
    return Optional.empty();
  }

  @Override
  public Operand<TFloat32> negativeIwae(int k) {
    throw new UnsupportedOperationException("not in this test");
  }

  /** log N(z; μ, σ²) of one coordinate, in double. */
  static double logNormal(double z, double mean, double variance) {
    return -0.5 * (Math.log(2 * Math.PI) + Math.log(variance) + (z - mean) * (z - mean) / variance);
  }
}
