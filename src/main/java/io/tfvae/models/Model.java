package io.tfvae.models;

import io.tfvae.data.ImageSet;
import java.util.List;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * A member of the VAE family, built into one graph: it owns its variables (created by its
 * constructor through {@link io.tfvae.nn.Parameters}), its training loss and metrics, the
 * SavedModel signatures it exports, what it takes from the training data, and its cost.
 *
 * <p>Lifecycle, as the trainer drives it: {@link ModelFactory#create} (variables) → {@link
 * #prepare} (the training data) → {@link #training} (the loss, once) → {@link #signatures} (in the
 * training graph, for the trainer's own evaluation; and again in a fresh export graph over
 * restore-only variables of the same names). Since both graphs run the same {@code signatures}
 * code, the trainer and the SavedModel compute the same numbers by construction. Nothing outside
 * {@link Models} asks which kind of model it holds.
 */
public interface Model {
  /**
   * What the manifest records about the model.
   *
   * @return kind, sizes and likelihood
   */
  ModelSummary summary();

  /**
   * Checks the training data and takes what the model needs from it (labels; the SSVAE's labelled
   * images). Called once, before {@link #training}.
   *
   * @param data the training images
   * @return the images the trainer iterates over, and whether it feeds their labels
   * @throws io.tfvae.util.TfvaeException if the data cannot train this model
   */
  TrainingData prepare(ImageSet data);

  /**
   * The training loss of one step and the metrics reported with it.
   *
   * @param tf ops (a scope of the training graph)
   * @param in the step's batch, labels, step number and noise keys
   * @return the scalar loss and named scalar metrics
   */
  TrainingObjective training(Ops tf, StepInputs in);

  /**
   * Adds the inference ops to the graph and describes them as signatures of the contract ({@link
   * Signatures}).
   *
   * @param tf ops of the graph (placeholders are created in its scope)
   * @return the signatures
   */
  List<Signature> signatures(Ops tf);

  /**
   * Multiply-adds of the dense layers, for the benchmark's FLOP rates.
   *
   * @return per-example costs
   */
  ComputeCost cost();

  /**
   * What the model is, one line per part, as its checkpoints and manifest record it: two models
   * that describe themselves differently never share a checkpoint.
   *
   * @return the description
   */
  default List<String> describe() {
    ModelSummary s = summary();
    return List.of(
        s.kind()
            + ": latent_dim "
            + s.latentDim()
            + ", classes "
            + s.classes()
            + ", likelihood "
            + s.likelihood()
            + " ("
            + getClass().getName()
            + ")");
  }

  /**
   * The model's networks by role ({@code encoder}, {@code decoder}), for descriptions; empty for a
   * model that does not expose them.
   *
   * @return the blocks
   */
  default java.util.Map<String, io.tfvae.nn.Block> networks() {
    return java.util.Map.of();
  }

  /**
   * The picture one example is, [height, width, channels], when the model knows it (the manifest
   * records it for the tools' grids).
   *
   * @return the shape, or empty
   */
  default java.util.Optional<org.tensorflow.ndarray.Shape> imageShape() {
    return java.util.Optional.empty();
  }
}
