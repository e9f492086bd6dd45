package io.tfvae.models;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.Prior;
import io.tfvae.objectives.StepRecord;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A {@link Vae}'s step as the model built it, for its objective: the code and the ELBO's terms at
 * the step's noise; the densities and the IWAE bound built when an objective asks.
 */
final class VaeStepRecord implements StepRecord {
  private final Vae vae;
  private final Ops tf;
  private final Operand<TInt64> seed;
  private final PosteriorFamily noise;
  private final StepInputs in;
  private final Posterior q;
  private final Vae.Draw draw;
  private final NegativeElbo elbo;

  VaeStepRecord(Vae vae, Ops tf, StepInputs in, Operand<TInt64> seed, PosteriorFamily noise) {
    this.vae = vae;
    this.tf = tf;
    this.in = in;
    this.seed = seed;
    this.noise = noise;
    this.q = vae.encode(tf, in.x(), in.y());
    this.draw = vae.draw(tf, q, in.x(), in.y(), seed, noise);
    this.elbo = draw.elbo();
  }

  @Override
  public Operand<TFloat32> x() {
    return in.x();
  }

  @Override
  public Optional<Operand<TFloat32>> y() {
    return Optional.ofNullable(in.y());
  }

  @Override
  public long datasetSize() {
    return in.datasetSize();
  }

  @Override
  public Operand<TInt64> key(long stream) {
    return in.key(tf, stream, 1);
  }

  @Override
  public Operand<TFloat32> priorSamples() {
    // Stream 2 of the step's keys: apart from the batch's binarization and the posterior's noise.
    return vae.prior().sample(tf, Vae.batchSize(tf, in.x()), in.key(tf, 2, 1));
  }

  @Override
  public Posterior posterior() {
    return q;
  }

  @Override
  public Operand<TFloat32> z() {
    return draw.z();
  }

  @Override
  public Operand<TFloat32> logQzGivenX() {
    return q.logProb(tf, draw.z());
  }

  @Override
  public Operand<TFloat32> logPz() {
    return vae.prior().logProb(tf, draw.z());
  }

  @Override
  public Operand<TFloat32> logPxGivenZ() {
    return draw.logPxGivenZ();
  }

  @Override
  public Prior prior() {
    return vae.prior();
  }

  @Override
  public Likelihood likelihood() {
    return vae.likelihood();
  }

  @Override
  public Operand<TFloat32> nelbo() {
    return elbo.nelbo();
  }

  @Override
  public Operand<TFloat32> rec() {
    return elbo.rec();
  }

  @Override
  public Operand<TFloat32> kl() {
    return elbo.kl();
  }

  @Override
  public Optional<Operand<TFloat32>> klPerDimension() {
    return vae.prior().analyticKlPerDimension(tf, q);
  }

  @Override
  public Operand<TFloat32> negativeIwae(int k) {
    return vae.negativeIwae(tf, in.x(), in.y(), tf.constant(k), seed, noise);
  }
}
