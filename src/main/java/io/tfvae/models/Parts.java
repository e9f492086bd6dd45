package io.tfvae.models;

import io.tfvae.config.NetworkSpecs;
import io.tfvae.config.parts.PartInputs;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.Posterior;
import io.tfvae.config.proto.Prior;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.data.ImageSet;
import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.distributions.StochasticLayers;
import io.tfvae.nn.BlockSpec;
import io.tfvae.objectives.Objective;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * Assembles a definition's VAE: each part read from its message ({@link PartMessages}), the
 * stochastic layers of a hierarchy wired around them. The {@code .pbtxt} path builds a model from
 * the same public parts a Java user passes to {@link Vae#builder()}.
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
    return PartMessages.objective(o);
  }

  /** An MLP of the message's hidden layers to a Gaussian head of the given width. */
  private static BlockSpec gaussianHead(io.tfvae.config.proto.Network n, int width) {
    return NetworkSpecs.mlp(n, width);
  }

  static PosteriorFamily posterior(Posterior p) {
    return PartMessages.posterior(p);
  }

  static PriorFactory prior(Prior p, int dataDim, ImageSet trainingImages) {
    return PartMessages.prior(p, PartInputs.ofData(dataDim, trainingImages));
  }

  /** The manifest's name of a prior ("standard_normal", "mixture"). */
  static String priorName(Prior p) {
    return p.getKindCase() == Prior.KindCase.KIND_NOT_SET
        ? "standard_normal"
        : p.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  static Likelihood likelihood(io.tfvae.config.proto.Likelihood l) {
    return PartMessages.likelihood(l);
  }
}
