package io.tfvae.models;

import io.tfvae.config.proto.Posterior;
import io.tfvae.config.proto.Prior;
import io.tfvae.data.ImageSet;
import io.tfvae.dist.BernoulliLikelihood;
import io.tfvae.dist.DiagonalGaussian;
import io.tfvae.dist.GaussianLikelihood;
import io.tfvae.dist.Likelihood;
import io.tfvae.dist.MixtureOfGaussiansPrior;
import io.tfvae.dist.PosteriorFamily;
import io.tfvae.dist.PriorFactory;
import io.tfvae.dist.StandardNormalPrior;
import io.tfvae.dist.VampPrior;

/** Maps the schema's part messages to the parts that implement them; unset means the default. */
final class Parts {
  private Parts() {}

  static PosteriorFamily posterior(Posterior p) {
    switch (p.getKindCase()) {
      case GAUSSIAN:
      case KIND_NOT_SET:
        return DiagonalGaussian.FAMILY;
      default:
        throw new IllegalArgumentException("posterior: no part for " + p.getKindCase());
    }
  }

  static PriorFactory prior(Prior p, int dataDim, ImageSet trainingImages) {
    switch (p.getKindCase()) {
      case STANDARD_NORMAL:
      case KIND_NOT_SET:
        return (params, latentDim, encoder) -> new StandardNormalPrior(latentDim);
      case MIXTURE:
        int k = p.getMixture().getComponents();
        return (params, latentDim, encoder) -> new MixtureOfGaussiansPrior(params, k, latentDim);
      case VAMP:
        int pseudo = p.getVamp().getComponents();
        var init =
            p.getVamp().getInit() == io.tfvae.config.proto.VampPrior.Init.TRAINING_IMAGES
                ? PseudoInputs.fromImages(trainingImages, pseudo)
                : null;
        return (params, latentDim, encoder) ->
            new VampPrior(params, pseudo, dataDim, latentDim, encoder, init);
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
