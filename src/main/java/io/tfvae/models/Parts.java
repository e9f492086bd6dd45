package io.tfvae.models;

import io.tfvae.config.NetworkSpecs;
import io.tfvae.config.proto.FreeBits;
import io.tfvae.config.proto.Posterior;
import io.tfvae.config.proto.Prior;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.BernoulliLikelihood;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.distributions.GaussianLikelihood;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.distributions.StochasticLayers;
import io.tfvae.distributions.VampPrior;
import io.tfvae.nn.BlockSpec;
import io.tfvae.nn.Mlp;
import io.tfvae.objectives.BetaTcVae;
import io.tfvae.objectives.Capacity;
import io.tfvae.objectives.DipVae;
import io.tfvae.objectives.Elbo;
import io.tfvae.objectives.FactorVae;
import io.tfvae.objectives.Iwae;
import io.tfvae.objectives.Mmd;
import io.tfvae.objectives.Objective;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * Maps the schema's part messages to the parts that implement them; unset means the default. The
 * {@code .pbtxt} path builds a model from the same public parts a Java user passes to {@link
 * Vae#builder()}.
 */
final class Parts {
  private Parts() {}

  /**
   * The factory of a definition's VAE.
   *
   * @param def the {@code vae} message
   * @param dataShape the shape of one example, [H, W, C]
   * @param trainingImages the training images (a VampPrior may start from them), or null
   * @return the factory
   */
  static Vae.Factory vae(VaeDef def, Shape dataShape, ImageSet trainingImages) {
    int dataDim = Math.toIntExact(dataShape.size());
    int classes = def.hasConditional() ? def.getConditional().getClasses() : 0;
    PosteriorFamily posterior = posterior(def.getPosterior());
    Likelihood likelihood = likelihood(def.getLikelihood());
    String kind =
        classes > 0
            ? "fsvae"
            : def.getPrior().hasMixture() ? "gmvae" : def.getPrior().hasVamp() ? "vamp" : "vae";
    int latentDim = def.getLatentDim();
    BlockSpec decoder =
        NetworkSpecs.decoder(def.getDecoder(), dataShape, likelihood.parameterWidth(dataDim));
    PriorFactory prior = prior(def.getPrior(), dataDim, trainingImages);
    if (def.getUpperLayersCount() > 0) {
      int[] sizes = new int[def.getUpperLayersCount() + 1];
      sizes[0] = def.getLatentDim();
      List<BlockSpec> up = new ArrayList<>();
      List<BlockSpec> down = new ArrayList<>();
      // The definition's posterior family is the top layer's (a Gaussian, or a flow on one).
      PosteriorFamily top = posterior;
      int last = def.getUpperLayersCount() - 1;
      for (int l = 0; l <= last; l++) {
        var layer = def.getUpperLayers(l);
        sizes[l + 1] = layer.getSize();
        int width = l == last ? top.parameterWidth(layer.getSize()) : 2 * layer.getSize();
        up.add(gaussianHead(layer.getUp(), width));
        down.add(gaussianHead(layer.getDown(), 2 * sizes[l]));
      }
      StochasticLayers layers = new StochasticLayers(sizes);
      latentDim = layers.latentDim();
      posterior =
          def.getInference() == io.tfvae.config.proto.Inference.LADDER
              ? layers.ladderPosterior(up, down)
              : layers.posterior(up, top);
      // The definition's prior is p(z_L)'s: N(0, I) by default, or a mixture or VampPrior on top.
      prior =
          priorName(def.getPrior()).equals("standard_normal")
              ? layers.prior(down)
              : layers.prior(down, prior);
      decoder = layers.decoderInput(decoder);
      kind = "hvae";
    }
    return Vae.builder()
        .optKind(kind)
        .setDataShape(dataShape)
        .setLatentDim(latentDim)
        .optClasses(classes)
        .setEncoder(
            NetworkSpecs.encoder(def.getEncoder(), dataShape, posterior.parameterWidth(latentDim)))
        .setDecoder(decoder)
        .optPosterior(posterior)
        .optPrior(prior)
        .optLikelihood(likelihood)
        .optObjective(objective(def.getObjective()))
        .build();
  }

  static Objective objective(io.tfvae.config.proto.Objective o) {
    switch (o.getBoundCase()) {
      case IWAE:
        return Iwae.withSamples(o.getIwae().getK());
      case BETA_TCVAE:
        var t = o.getBetaTcvae();
        return new BetaTcVae(
            t.getAlpha(),
            t.getBeta(),
            t.getGamma(),
            t.getEstimator() == io.tfvae.config.proto.BetaTcVae.Estimator.MINIBATCH_STRATIFIED
                ? BetaTcVae.Estimator.MINIBATCH_STRATIFIED
                : BetaTcVae.Estimator.MINIBATCH_WEIGHTED);
      case DIP_VAE:
        var d = o.getDipVae();
        return new DipVae(
            d.getKind() == io.tfvae.config.proto.DipVae.Kind.II ? DipVae.Kind.II : DipVae.Kind.I,
            d.getLambdaOd(),
            d.getLambdaD());
      case CAPACITY:
        var c = o.getCapacity();
        return new Capacity(c.getGamma(), c.getMaxNats(), c.getSteps());
      case MMD:
        var m = o.getMmd();
        return new Mmd(
            m.getKlWeight(),
            m.getMmdWeight(),
            m.getKernel() == io.tfvae.config.proto.Mmd.Kernel.RBF
                ? Mmd.Kernel.RBF
                : Mmd.Kernel.INVERSE_MULTIQUADRATIC,
            m.getBandwidth());
      case FACTOR_VAE:
        var f = o.getFactorVae();
        int[] hidden =
            f.getDiscriminatorHiddenCount() == 0
                ? new int[] {1000, 1000, 1000, 1000, 1000, 1000}
                : f.getDiscriminatorHiddenList().stream().mapToInt(Integer::intValue).toArray();
        return new FactorVae(f.getGamma(), hidden, f.getLearningRate(), f.getBeta1(), f.getBeta2());
      default:
        break;
    }
    Elbo.Builder b = Elbo.builder().optBeta(o.getBeta());
    if (o.hasWarmUp()) {
      b.optWarmUp(o.getWarmUp().getFrom(), o.getWarmUp().getSteps());
    }
    if (o.hasFreeBits()) {
      b.optFreeBits(
          o.getFreeBits().getLambda(),
          o.getFreeBits().getGroups() == FreeBits.Groups.TOTAL
              ? Elbo.FreeBitsGroups.TOTAL
              : Elbo.FreeBitsGroups.PER_DIMENSION);
    }
    return b.build();
  }

  /** An MLP of the message's hidden layers to a Gaussian head of the given width. */
  private static BlockSpec gaussianHead(io.tfvae.config.proto.Network n, int width) {
    return Mlp.spec(NetworkSpecs.hidden(n), width, NetworkSpecs.activation(n.getActivation()));
  }

  static PosteriorFamily posterior(Posterior p) {
    switch (p.getKindCase()) {
      case GAUSSIAN:
      case KIND_NOT_SET:
        return DiagonalGaussian.FAMILY;
      case IAF:
        var iaf = p.getIaf();
        int[] hidden =
            iaf.getHiddenCount() == 0
                ? new int[] {320}
                : iaf.getHiddenList().stream().mapToInt(Integer::intValue).toArray();
        return io.tfvae.distributions.InverseAutoregressiveFlow.of(
            iaf.getSteps(), hidden, iaf.getContext());
      default:
        throw new IllegalArgumentException("posterior: no part for " + p.getKindCase());
    }
  }

  static PriorFactory prior(Prior p, int dataDim, ImageSet trainingImages) {
    switch (p.getKindCase()) {
      case STANDARD_NORMAL:
      case KIND_NOT_SET:
        return PriorFactory.standardNormal();
      case MIXTURE:
        return PriorFactory.mixtureOfGaussians(p.getMixture().getComponents());
      case VAMP:
        int pseudo = p.getVamp().getComponents();
        var init =
            p.getVamp().getInit() == io.tfvae.config.proto.VampPrior.Init.TRAINING_IMAGES
                ? PseudoInputs.fromImages(trainingImages, pseudo)
                : null;
        return (params, latentDim, encoder) ->
            new VampPrior(params, pseudo, dataDim, latentDim, encoder, init);
      case REAL_NVP:
        int layers = p.getRealNvp().getLayers();
        int[] hidden =
            p.getRealNvp().getHiddenCount() == 0
                ? new int[] {64, 64}
                : p.getRealNvp().getHiddenList().stream().mapToInt(Integer::intValue).toArray();
        return (params, latentDim, encoder) ->
            new io.tfvae.distributions.RealNvpPrior(params, latentDim, layers, hidden);
      default:
        throw new IllegalArgumentException("prior: no part for " + p.getKindCase());
    }
  }

  /** The manifest's name of a prior ("standard_normal", "mixture"). */
  static String priorName(Prior p) {
    return p.getKindCase() == Prior.KindCase.KIND_NOT_SET
        ? "standard_normal"
        : p.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  static Likelihood likelihood(io.tfvae.config.proto.Likelihood l) {
    switch (l.getKindCase()) {
      case BERNOULLI:
      case KIND_NOT_SET:
        return new BernoulliLikelihood();
      case GAUSSIAN:
        return new GaussianLikelihood(
            l.getGaussian().getVariance(), l.getGaussian().getLearnVariance());
      default:
        throw new IllegalArgumentException("likelihood: no part for " + l.getKindCase());
    }
  }
}
