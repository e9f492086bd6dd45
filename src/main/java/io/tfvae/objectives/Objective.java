package io.tfvae.objectives;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * What a latent-variable model minimises at a training step, as an object handed to the model
 * rather than a branch inside it (as Pyro passes {@code Trace_ELBO} or {@code RenyiELBO} to {@code
 * SVI}): {@link Elbo} (β, KL warm-up, free bits) and {@link Iwae}. An objective may depend on the
 * step t, which keeps a resumed run exact. The model's reported bounds ({@code negative_elbo},
 * {@code negative_iwae}) never include an objective's weights.
 */
public interface Objective {
  /**
   * The scalar loss of one step (a mean over the batch) and the quantities reported beside it.
   *
   * @param tf ops
   * @param record the step as the model built it (its bounds, code, densities and parts)
   * @param step t, the steps completed before this one (int64 scalar)
   * @return the loss and its extra metrics (the β in force, say)
   */
  ObjectiveValue loss(Ops tf, StepRecord record, Operand<TInt64> step);

  /**
   * The objective with the variables of its own parts, created under their names in the model's
   * graph (FactorVAE's discriminator); most objectives have none and return themselves.
   *
   * @param params creates the variables
   * @param latentDim the width of the code z
   * @return the objective bound to its variables
   */
  default Objective withParameters(io.tfvae.nn.Parameters params, int latentDim) {
    return this;
  }

  /**
   * The objective in one line, as the manifest and the checkpoint record it ("elbo, beta 1").
   *
   * @return the description
   */
  String describe();
}
