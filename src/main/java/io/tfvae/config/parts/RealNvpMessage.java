package io.tfvae.config.parts;

import io.tfvae.config.proto.RealNvp;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.distributions.RealNvpPrior;

/** {@code real_nvp { layers: 4 }}: an affine-coupling flow prior (Dinh et al. 2017). */
final class RealNvpMessage implements PartMessage<RealNvp, PriorFactory> {
  /** Two hidden layers of 64 units per coupling, when none are given. */
  private static final int[] DEFAULT_HIDDEN = {64, 64};

  @Override
  public String field() {
    return "real_nvp";
  }

  @Override
  public Class<RealNvp> messageType() {
    return RealNvp.class;
  }

  @Override
  public void check(RealNvp m, Fields at) {
    at.positive("layers", m.getLayers(), Fields.MAX_LAYERS);
    at.sizes("hidden", m.getHiddenList());
  }

  @Override
  public PriorFactory read(RealNvp m, PartInputs in) {
    int layers = m.getLayers();
    int[] hidden =
        m.getHiddenCount() == 0
            ? DEFAULT_HIDDEN.clone()
            : m.getHiddenList().stream().mapToInt(Integer::intValue).toArray();
    return (params, latentDim, encoder) -> new RealNvpPrior(params, latentDim, layers, hidden);
  }
}
