package io.tfvae.models;

import io.tfvae.nn.Parameters;

/**
 * Builds a model's variables and parts into a graph. The trainer calls it twice: for the training
 * graph (variables initialised from the seed) and for the export graph (variables restored from a
 * checkpoint). {@link Models#factory} makes one from a definition; hand the trainer your own to
 * train a model class the framework does not have.
 */
@FunctionalInterface
public interface ModelFactory {
  /**
   * Creates the model.
   *
   * @param params the variable factory of the graph being built
   * @return the model
   */
  Model create(Parameters params);
}
