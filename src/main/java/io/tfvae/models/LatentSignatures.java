package io.tfvae.models;

import io.tfvae.distributions.Posterior;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.Prior;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.types.TFloat32;

/**
 * The signatures of a latent-variable model, one per thing its parts can answer. A model hands over
 * its parts' functions; which signatures follow is decided here alone, never by the kind of model:
 *
 * <ul>
 *   <li>the bound, the prior and the codes: {@code negative_elbo}, {@code sample}, {@code encode},
 *       {@code decode}, {@code log_prior} (every latent-variable model has them);
 *   <li>a posterior over the whole code that is one {@link PosteriorFamily}, so codes can be drawn
 *       and scored: {@code negative_iwae};
 *   <li>that family with a density ({@link PosteriorFamily#hasDensity}): {@code log_posterior} and
 *       {@code sample_posterior};
 *   <li>a decoder that reads labels: {@code sample_conditional}.
 * </ul>
 *
 * <p>Labels play one of two roles. Observed labels (a conditional VAE) are inputs of every
 * signature but {@code log_prior}. Latent labels (the SSVAE's y) are summed out by the bound and
 * drawn by {@code sample}, so only {@code encode} and {@code decode} take them.
 */
public final class LatentSignatures {
  private final Signatures.Inputs in;
  private Labels labels = Labels.NONE;
  private Signatures.ElboFunction negativeElbo;
  private Prior prior;
  private Signatures.Function<Operand<TFloat32>> sampleMean;
  private Signatures.Function<Posterior> encoder;
  private Signatures.Function<Operand<TFloat32>> decodeMean;
  private PosteriorFamily family;
  private int latentDim;
  private Signatures.IwaeFunction negativeIwae;

  private enum Labels {
    NONE,
    OBSERVED,
    LATENT
  }

  private LatentSignatures(Signatures.Inputs in) {
    this.in = in;
  }

  /**
   * Starts the signatures of one model.
   *
   * @param in the inputs they share
   * @return a builder
   */
  public static LatentSignatures builder(Signatures.Inputs in) {
    return new LatentSignatures(in);
  }

  /**
   * The model observes labels y (the inputs must have classes): every signature but {@code
   * log_prior} takes them. Default: no labels.
   *
   * @return this
   */
  public LatentSignatures optObservedLabels() {
    labels = Labels.OBSERVED;
    return this;
  }

  /**
   * The labels y are part of the code, summed out by the bound and drawn by {@code sample}: {@code
   * encode} and {@code decode} take them. Default: no labels.
   *
   * @return this
   */
  public LatentSignatures optLatentLabels() {
    labels = Labels.LATENT;
    return this;
  }

  /**
   * The negative ELBO (required).
   *
   * @param f the bound
   * @return this
   */
  public LatentSignatures setNegativeElbo(Signatures.ElboFunction f) {
    this.negativeElbo = f;
    return this;
  }

  /**
   * The prior and the decoder means of its draws (required).
   *
   * @param prior p(z)
   * @param sampleMean E[x | z] of prior codes (under observed labels, where the model has them)
   * @return this
   */
  public LatentSignatures setPrior(Prior prior, Signatures.Function<Operand<TFloat32>> sampleMean) {
    this.prior = prior;
    this.sampleMean = sampleMean;
    return this;
  }

  /**
   * The encoder and the decoder (required).
   *
   * @param encoder q(z | x [, y])
   * @param decodeMean E[x | z [, y]]
   * @return this
   */
  public LatentSignatures setCodes(
      Signatures.Function<Posterior> encoder, Signatures.Function<Operand<TFloat32>> decodeMean) {
    this.encoder = encoder;
    this.decodeMean = decodeMean;
    return this;
  }

  /**
   * The posterior over the whole code is one family, so its codes can be drawn and scored: the
   * importance-weighted bound, and where the family has a density, the posterior's signatures.
   * Default: none (the SSVAE's code (y, z) sums y out).
   *
   * @param family the encoder's family
   * @param latentDim the code's width
   * @param negativeIwae the importance-weighted bound
   * @return this
   */
  public LatentSignatures optPosterior(
      PosteriorFamily family, int latentDim, Signatures.IwaeFunction negativeIwae) {
    this.family = family;
    this.latentDim = latentDim;
    this.negativeIwae = negativeIwae;
    return this;
  }

  /**
   * Builds the signatures into the inputs' graph.
   *
   * @return one signature per capability, in a fixed order
   * @throws IllegalStateException if a required part is missing
   */
  public List<Signature> build() {
    if (negativeElbo == null || prior == null || encoder == null) {
      throw new IllegalStateException(
          "LatentSignatures: call setNegativeElbo, setPrior and setCodes before build");
    }
    // Observed y before x: the node order a conditional VAE's exported graph has always had.
    Operand<TFloat32> observed = labels == Labels.OBSERVED ? labelsInput() : null;
    List<Signature> out = new ArrayList<>();
    out.add(Signatures.negativeElbo(in, observed, negativeElbo));
    if (family != null) {
      out.add(Signatures.negativeIwae(in, observed, negativeIwae));
    }
    out.add(Signatures.sample(in, observed, prior, sampleMean));
    Operand<TFloat32> codeLabels = labels == Labels.NONE ? null : labelsInput();
    out.add(Signatures.encode(in, codeLabels, encoder));
    out.add(Signatures.decode(in, codeLabels, decodeMean));
    out.add(Signatures.logPrior(in, prior));
    if (family != null && family.hasDensity()) {
      out.add(Signatures.logPosterior(in, observed, encoder));
      out.add(Signatures.samplePosterior(in, observed, encoder, family, latentDim));
    }
    if (codeLabels != null) {
      out.add(Signatures.sampleConditional(in, decodeMean));
    }
    return out;
  }

  private Operand<TFloat32> labelsInput() {
    return Objects.requireNonNull(
        in.y(), "LatentSignatures: labels need inputs with classes (Signatures.Inputs)");
  }
}
