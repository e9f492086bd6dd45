package io.tfvae.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/** The variables a model created, before any optimizer slot exists: their names and values. */
final class ModelVariables {
  private ModelVariables() {}

  /**
   * The variables in a graph, in creation order (call it right after the model is built, so that no
   * optimizer slot is among them).
   *
   * @param graph the graph
   * @return their names
   */
  static List<String> in(Graph graph) {
    List<String> names = new ArrayList<>();
    graph
        .operations()
        .forEachRemaining(
            op -> {
              if (op.type().equals("VariableV2")) {
                names.add(op.name());
              }
            });
    return List.copyOf(names);
  }

  /**
   * The variables' current values.
   *
   * @param session the session holding them
   * @param names the variables
   * @return the values by name, flattened row-major
   */
  static Map<String, float[]> read(Session session, List<String> names) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String name : names) {
      try (Result r = session.runner().fetch(name).run()) {
        var t = (TFloat32) r.get(0);
        float[] v = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(v);
        out.put(name, v);
      }
    }
    return out;
  }
}
