package io.tfvae.config.parts;

import io.tfvae.config.proto.IafPosterior;
import io.tfvae.distributions.InverseAutoregressiveFlow;
import io.tfvae.distributions.PosteriorFamily;

/** {@code iaf { steps: 2 }}: a Gaussian posterior and an inverse autoregressive flow on it. */
final class IafMessage implements PartMessage<IafPosterior, PosteriorFamily> {
  /** One hidden layer of 320 units per step (the IAF paper's width), when none are given. */
  private static final int[] DEFAULT_HIDDEN = {320};

  @Override
  public String field() {
    return "iaf";
  }

  @Override
  public Class<IafPosterior> messageType() {
    return IafPosterior.class;
  }

  @Override
  public void check(IafPosterior m, Fields at) {
    at.positive("steps", m.getSteps(), Fields.MAX_LAYERS);
    at.atMost("hidden", m.getHiddenCount(), Fields.MAX_LAYERS, "layers");
    for (int i = 0; i < m.getHiddenCount(); i++) {
      at.positive("hidden[" + i + "]", m.getHidden(i));
    }
    if (m.getContext() < 0) {
      at.fail("context", "a number >= 0", m.getContext());
    }
  }

  @Override
  public PosteriorFamily read(IafPosterior m, PartInputs in) {
    int[] hidden =
        m.getHiddenCount() == 0
            ? DEFAULT_HIDDEN.clone()
            : m.getHiddenList().stream().mapToInt(Integer::intValue).toArray();
    return InverseAutoregressiveFlow.of(m.getSteps(), hidden, m.getContext());
  }
}
