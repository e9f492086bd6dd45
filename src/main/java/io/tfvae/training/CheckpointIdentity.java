package io.tfvae.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;

/**
 * What a checkpoint belongs to: the definition's identity text (empty for a model built in Java),
 * the model's own description ({@link io.tfvae.models.Model#describe}) and its variables with their
 * shapes. A trainer resumes a checkpoint only when all three are the same, so a different model
 * class on the same definition, or the same class with other parts, is refused.
 *
 * @param definition the definition's identity text, or "" (null: not recorded)
 * @param model the model's description, one line per part (null: not recorded)
 * @param variables the model's variables and their shapes, in creation order (null: not recorded)
 */
public record CheckpointIdentity(
    String definition, List<String> model, Map<String, List<Long>> variables) {

  /**
   * The identity of a model built into a graph.
   *
   * @param definition the definition's identity text, or ""
   * @param model the model's description
   * @param graph the graph holding the model's variables
   * @param variableNames the model's variables (not the optimizer's)
   * @return the identity
   */
  static CheckpointIdentity of(
      String definition, List<String> model, Graph graph, List<String> variableNames) {
    Map<String, List<Long>> shapes = new LinkedHashMap<>();
    for (String name : variableNames) {
      Shape s = graph.operation(name).output(0).shape();
      List<Long> dims = new ArrayList<>();
      for (long d : s.asArray()) {
        dims.add(d);
      }
      shapes.put(name, dims);
    }
    return new CheckpointIdentity(definition, List.copyOf(model), shapes);
  }

  /**
   * The first way a saved identity differs from this one. What an older checkpoint did not record
   * is not compared.
   *
   * @param saved the checkpoint's identity
   * @return the difference in words ("variable encoder.dense_0.kernel is [784, 300] there, [784,
   *     500] here"), or empty when they match
   */
  Optional<String> differenceFrom(CheckpointIdentity saved) {
    if (saved.definition() != null && !saved.definition().equals(definition)) {
      return Optional.of("its model definition differs");
    }
    if (saved.model() != null && !saved.model().equals(model)) {
      List<String> there = saved.model();
      for (int i = 0; i < Math.max(there.size(), model.size()); i++) {
        String a = i < there.size() ? there.get(i) : "(nothing)";
        String b = i < model.size() ? model.get(i) : "(nothing)";
        if (!a.equals(b)) {
          return Optional.of(
              "line "
                  + (i + 1)
                  + " of the model's description is '"
                  + a
                  + "' there, '"
                  + b
                  + "' here");
        }
      }
    }
    if (saved.variables() != null && !saved.variables().equals(variables)) {
      for (Map.Entry<String, List<Long>> e : variables.entrySet()) {
        List<Long> there = saved.variables().get(e.getKey());
        if (there == null) {
          return Optional.of("it has no variable " + e.getKey());
        }
        if (!there.equals(e.getValue())) {
          return Optional.of(
              "variable " + e.getKey() + " is " + there + " there, " + e.getValue() + " here");
        }
      }
      for (String name : saved.variables().keySet()) {
        if (!variables.containsKey(name)) {
          return Optional.of("it has a variable " + name + " that this model lacks");
        }
      }
    }
    return Optional.empty();
  }
}
