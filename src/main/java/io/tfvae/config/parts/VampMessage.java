package io.tfvae.config.parts;

import io.tfvae.config.proto.VampPrior;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.distributions.PseudoInputs;

/**
 * {@code vamp { components: 500 }}: the VampPrior (Tomczak and Welling 2018), its pseudo-inputs
 * from noise or from training images.
 */
final class VampMessage implements PartMessage<VampPrior, PriorFactory> {
  @Override
  public String field() {
    return "vamp";
  }

  @Override
  public Class<VampPrior> messageType() {
    return VampPrior.class;
  }

  @Override
  public void check(VampPrior m, Fields at) {
    at.positive("components", m.getComponents());
  }

  @Override
  public PriorFactory read(VampPrior m, PartInputs in) {
    int pseudo = m.getComponents();
    int dataDim = in.dataDim();
    var init =
        m.getInit() == VampPrior.Init.TRAINING_IMAGES
            ? PseudoInputs.fromImages(in.trainingImages(), pseudo)
            : null;
    return (params, latentDim, encoder) ->
        new io.tfvae.distributions.VampPrior(params, pseudo, dataDim, latentDim, encoder, init);
  }
}
