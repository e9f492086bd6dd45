package io.tfvae.training;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;

/**
 * Which ops of a training step read a variable, so that the variable's in-place update can wait for
 * exactly those and nothing else.
 *
 * <p>A {@code VariableV2} is a reference: a product that takes it as input reads the live buffer
 * when it runs, not a copy made at the start of the step. An update must therefore run after every
 * op of the step that reads the variable, or a backward product such as {@code dY W^T} could see
 * the new weights. tensorflow-framework's {@code Optimizer} orders every update after every
 * gradient, which is safe but keeps the whole optimizer off the backward pass: the first layers'
 * gradients are the last to exist, so every update waited for them. Ordering each update after the
 * readers of its own variable computes the same numbers (every reader still sees the old value),
 * and lets the updates of the last layers run beside the backward pass of the first.
 *
 * <p>The readers are the step's ops that consume the variable's output, directly or through ops
 * whose outputs may share its buffer ({@link #ALIASING}: {@code Identity} above all, which is how
 * the models read every variable). Only ops the step runs count, the ancestors of the given roots
 * (the gradients and whatever else the step fetches), so that the evaluation graphs, the guards and
 * the save ops reading the same variables are never pulled into a training step.
 */
final class VariableReaders {
  /** Op types whose output may be the input's buffer itself. */
  static final Set<String> ALIASING =
      Set.of(
          "Identity",
          "IdentityN",
          "RefIdentity",
          "Snapshot",
          "StopGradient",
          "PreventGradient",
          "Reshape",
          "ExpandDims",
          "Squeeze",
          "Cast",
          "Bitcast");

  private final Set<GraphOperation> stepOps;

  /**
   * @param roots what the step computes: the gradients, and the loss and metrics it fetches
   */
  VariableReaders(Collection<? extends Operand<?>> roots) {
    this.stepOps = ancestors(roots);
  }

  /**
   * The step's ops that read a variable, the aliasing ops on the way included (never the variable
   * op itself).
   *
   * @param variable the variable's output
   * @return its readers, in a stable order, as control inputs
   */
  List<Op> of(Operand<?> variable) {
    Set<GraphOperation> readers = new LinkedHashSet<>();
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> aliases = new ArrayDeque<>();
    aliases.add((GraphOperation) variable.op());
    while (!aliases.isEmpty()) {
      GraphOperation a = aliases.poll();
      for (GraphOperation c : a.consumers()) {
        if (!stepOps.contains(c) || !seen.add(c)) {
          continue;
        }
        // An alias counts too: it may be fetched itself, or (a converting Cast) read the buffer.
        readers.add(c);
        if (ALIASING.contains(c.type())) {
          aliases.add(c);
        }
      }
    }
    return readers.stream().map(r -> (Op) () -> r).toList();
  }

  /** Every op the roots depend on, through data and control inputs, the roots included. */
  private static Set<GraphOperation> ancestors(Collection<? extends Operand<?>> roots) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    for (Operand<?> r : roots) {
      todo.add((GraphOperation) r.op());
    }
    while (!todo.isEmpty()) {
      GraphOperation op = todo.poll();
      if (!seen.add(op)) {
        continue;
      }
      for (int i = 0; i < op.numInputs(); i++) {
        todo.add((GraphOperation) op.input(i).op());
      }
      todo.addAll(op.controlInputs());
    }
    return seen;
  }
}
