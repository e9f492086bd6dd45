package io.tfvae.models;

import io.tfvae.distributions.Likelihood;
import io.tfvae.distributions.PosteriorFamily;
import io.tfvae.distributions.PriorFactory;
import io.tfvae.nn.BlockSpec;
import io.tfvae.objectives.Objective;
import org.tensorflow.ndarray.Shape;

/** What a {@link VaeBuilder} fixed about a {@link Vae}: everything but the graph. */
record VaeSettings(
    String kind,
    Shape dataShape,
    int latentDim,
    int classes,
    BlockSpec encoder,
    BlockSpec decoder,
    PosteriorFamily posterior,
    PriorFactory prior,
    Likelihood likelihood,
    Objective objective) {}
