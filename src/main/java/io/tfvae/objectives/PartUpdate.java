package io.tfvae.objectives;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A part of the model trained on a loss of its own with an optimizer of its own, beside the model's
 * loss: FactorVAE's discriminator (Kim and Mnih 2018). The trainer updates the variables named
 * {@code variablePrefix + "*"} with this loss and Adam of these settings, and every other variable
 * with the model's loss, in the same step; both optimizers' state is in the checkpoint, so a
 * resumed run is exact.
 *
 * @param name the part, for the optimizer's state variables and messages ({@code discriminator})
 * @param loss the scalar the part minimises
 * @param variablePrefix the part's variables' name prefix ({@code discriminator.})
 * @param learningRate Adam's step size
 * @param beta1 Adam's β1
 * @param beta2 Adam's β2
 * @param epsilon Adam's ε
 */
public record PartUpdate(
    String name,
    Operand<TFloat32> loss,
    String variablePrefix,
    float learningRate,
    float beta1,
    float beta2,
    float epsilon) {}
