package io.tfvae.models;

import io.tfvae.distributions.BernoulliLikelihood;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.nn.BlockSpec;
import io.tfvae.nn.Parameters;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.Objective;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * Builder of a {@link Vae} from parts (DJL's vocabulary: {@code setX} required, {@code optX}
 * optional with the default said). {@link #build} checks that the parts fit each other.
 */
public final class VaeBuilder {
  private String kind = "vae";
  private Shape dataShape;
  private int latentDim;
  private int classes;
  private BlockSpec encoder;
  private BlockSpec decoder;
  private PosteriorFamily posterior = DiagonalGaussian.FAMILY;
  private PriorFactory prior = PriorFactory.standardNormal();
  private Likelihood likelihood = new BernoulliLikelihood();
  private Objective objective = Elbo.standard();

  VaeBuilder() {}

  /**
   * The shape of one example (required): {@code [784]}, or {@code [28, 28, 1]} for images (every
   * signature still takes x flat, [-1, 784]; the manifest records the image shape).
   *
   * @param shape the per-example shape
   * @return this
   */
  public VaeBuilder setDataShape(Shape shape) {
    this.dataShape = shape;
    return this;
  }

  /**
   * The size of z (required).
   *
   * @param latentDim a number &gt; 0
   * @return this
   */
  public VaeBuilder setLatentDim(int latentDim) {
    this.latentDim = latentDim;
    return this;
  }

  /**
   * q's network (required): it reads x flat ([D], or [D + C] concatenated with one-hot labels for a
   * conditional model) and outputs the posterior family's parameters ({@link
   * PosteriorFamily#parameterWidth}).
   *
   * @param encoder the encoder's recipe; its blocks are named {@code encoder...}
   * @return this
   */
  public VaeBuilder setEncoder(BlockSpec encoder) {
    this.encoder = encoder;
    return this;
  }

  /**
   * p's network (required): it reads z ([Z], or [Z + C]) and outputs the likelihood's parameters
   * ({@link Likelihood#parameterWidth}).
   *
   * @param decoder the decoder's recipe; its blocks are named {@code decoder...}
   * @return this
   */
  public VaeBuilder setDecoder(BlockSpec decoder) {
    this.decoder = decoder;
    return this;
  }

  /**
   * The family of q(z | x). Default: {@link DiagonalGaussian#FAMILY}.
   *
   * @param posterior the family
   * @return this
   */
  public VaeBuilder optPosterior(PosteriorFamily posterior) {
    this.posterior = posterior;
    return this;
  }

  /**
   * p(z). Default: {@link PriorFactory#standardNormal()}.
   *
   * @param prior the prior's factory (called once the encoder exists)
   * @return this
   */
  public VaeBuilder optPrior(PriorFactory prior) {
    this.prior = prior;
    return this;
  }

  /**
   * p(x | z). Default: {@link BernoulliLikelihood} (x must be 0/1).
   *
   * @param likelihood the likelihood
   * @return this
   */
  public VaeBuilder optLikelihood(Likelihood likelihood) {
    this.likelihood = likelihood;
    return this;
  }

  /**
   * What training minimises. Default: {@link Elbo#standard()}.
   *
   * @param objective the objective
   * @return this
   */
  public VaeBuilder optObjective(Objective objective) {
    this.objective = objective;
    return this;
  }

  /**
   * Conditions q and p on a one-hot label of C classes (the FSVAE). Default 0: unconditional.
   *
   * @param classes C
   * @return this
   */
  public VaeBuilder optClasses(int classes) {
    this.classes = classes;
    return this;
  }

  /**
   * The model's kind, as the manifest records it. Default {@code vae}.
   *
   * @param kind a short name
   * @return this
   */
  public VaeBuilder optKind(String kind) {
    this.kind = kind;
    return this;
  }

  /**
   * Checks the parts against each other (building the networks into a scratch graph) and returns
   * the model's factory.
   *
   * @return the factory
   * @throws IllegalArgumentException naming the setting or the block that does not fit
   */
  public Vae.Factory build() {
    if (dataShape == null || dataShape.numDimensions() == 0 || dataShape.hasUnknownDimension()) {
      throw new IllegalArgumentException("vae: call setDataShape with the shape of one example");
    }
    if (latentDim <= 0) {
      throw new IllegalArgumentException(
          "vae: latent_dim: expected a number > 0 (setLatentDim), got " + latentDim);
    }
    if (encoder == null || decoder == null) {
      throw new IllegalArgumentException(
          "vae: call setEncoder and setDecoder with the networks' recipes");
    }
    if (classes < 0) {
      throw new IllegalArgumentException("vae: classes: expected a number >= 0, got " + classes);
    }
    VaeSettings s =
        new VaeSettings(
            kind,
            dataShape,
            latentDim,
            classes,
            encoder,
            decoder,
            posterior,
            prior,
            likelihood,
            objective);
    // Build once into a scratch graph, so a stack that does not fit fails here, naming its block.
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      new Vae(s, Parameters.restored(Ops.create(g)));
    }
    return new Vae.Factory(s);
  }
}
