package io.tfvae.nn;

import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * The recipe of a {@link Block}, free of any graph: a model calls it once for the training graph
 * and once for each export graph, each time with that graph's {@link Parameters}. Specs are
 * immutable and can be shared.
 */
@FunctionalInterface
public interface BlockSpec {
  /**
   * Builds the block and its variables into a graph.
   *
   * @param params the graph's variable factory
   * @param name the block's name (its variables live under it)
   * @param input the shape of one input example
   * @return the block
   * @throws IllegalArgumentException naming the block, when the input shape does not fit it
   */
  Block create(Parameters params, String name, Shape input);

  /**
   * The output shape for an input shape, without a graph of the caller's: the default builds the
   * block into a scratch graph of restore-only variables, so a spec need not say it twice.
   *
   * @param name the block's name (for error messages)
   * @param input the shape of one input example
   * @return the shape of one output example
   * @throws IllegalArgumentException naming the block, when the input shape does not fit it
   */
  default Shape outputShape(String name, Shape input) {
    try (Graph g = new Graph()) {
      return create(Parameters.restored(Ops.create(g)), name, input).outputShape();
    }
  }
}
