package io.tfvae.tools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tfvae inspect}: signatures, manifest and the op allow-list's verdict, without running
 * anything.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "List signatures, parameters, networks and the allow-list's verdict.")
final class InspectCommand implements Callable<Integer> {
  private static final Set<String> VARIABLE_OPS = Set.of("VarHandleOp", "VariableV2", "Variable");

  @Parameters(index = "0", paramLabel = "SAVEDMODEL")
  Path modelDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SavedModel sm = ModelHandle.readProto(modelDir);
    PrintWriter out = spec.commandLine().getOut();
    var mg = sm.getMetaGraphs(0);
    out.printf(
        "%s: tags %s, %d graph nodes, %d signatures%n",
        modelDir,
        mg.getMetaInfoDef().getTagsList(),
        mg.getGraphDef().getNodeCount(),
        mg.getSignatureDefCount());
    for (Map.Entry<String, SignatureDef> e :
        new java.util.TreeMap<>(mg.getSignatureDefMap()).entrySet()) {
      SignatureDef d = e.getValue();
      out.printf("signature %s (%s)%n", e.getKey(), d.getMethodName());
      for (Map.Entry<String, TensorInfo> i : new java.util.TreeMap<>(d.getInputsMap()).entrySet()) {
        out.printf("  in  %-12s %s%n", i.getKey(), describe(i.getValue()));
      }
      for (Map.Entry<String, TensorInfo> o :
          new java.util.TreeMap<>(d.getOutputsMap()).entrySet()) {
        out.printf("  out %-12s %s%n", o.getKey(), describe(o.getValue()));
      }
    }
    out.println(parameters(mg.getGraphDef()));
    Path manifest = modelDir.resolve(Contract.MANIFEST);
    if (Files.exists(manifest)) {
      out.println("manifest " + manifest);
      printNetworks(out, manifest);
    }
    try {
      OpAllowList.check(modelDir, sm);
      out.println("ops: all on the allow-list");
    } catch (ToolException e) {
      out.println("ops: " + e.getMessage().substring(modelDir.toString().length() + 2));
    }
    return 0;
  }

  /**
   * The weights' count, from the shapes of the graph's variables: a SavedModel holds the model's
   * weights and no optimizer slots, so this is the number a paper's "parameters" column means. The
   * count is also split by the part each variable belongs to, the first component of its dotted
   * name (encoder, decoder, prior, posterior), in the graph's order.
   */
  static String parameters(GraphDef graph) {
    long count = 0;
    int variables = 0;
    Map<String, Long> byPart = new LinkedHashMap<>();
    for (NodeDef node : graph.getNodeList()) {
      if (!VARIABLE_OPS.contains(node.getOp()) || !node.containsAttr("shape")) {
        continue;
      }
      long size = 1;
      for (var dim : node.getAttrOrThrow("shape").getShape().getDimList()) {
        size *= dim.getSize();
      }
      count += size;
      variables++;
      byPart.merge(node.getName().split("\\.", 2)[0], size, Long::sum);
    }
    StringJoiner parts = new StringJoiner(", ", " (", ")").setEmptyValue("");
    byPart.forEach((part, size) -> parts.add(String.format(Locale.ROOT, "%s %,d", part, size)));
    return String.format(Locale.ROOT, "parameters %,d in %d variables%s", count, variables, parts);
  }

  /** The manifest's block listing of each network, as the framework described them. */
  private static void printNetworks(PrintWriter out, Path manifest) {
    com.google.gson.JsonObject m;
    try {
      m =
          com.google.gson.JsonParser.parseString(io.tfvae.util.TextFiles.readUtf8(manifest))
              .getAsJsonObject();
    } catch (java.io.IOException | RuntimeException e) {
      out.println("manifest unreadable: " + e.getMessage());
      return;
    }
    if (!m.has("networks") || !m.get("networks").isJsonObject()) {
      return;
    }
    for (Map.Entry<String, com.google.gson.JsonElement> n :
        m.getAsJsonObject("networks").entrySet()) {
      out.println("network " + n.getKey());
      for (com.google.gson.JsonElement line : n.getValue().getAsJsonArray()) {
        out.println("  " + line.getAsString());
      }
    }
  }

  private static String describe(TensorInfo t) {
    StringBuilder shape = new StringBuilder("[");
    var dims = t.getTensorShape().getDimList();
    for (int i = 0; i < dims.size(); i++) {
      shape.append(i == 0 ? "" : ",").append(dims.get(i).getSize());
    }
    shape.append(']');
    String dtype = t.getDtype().name().replace("DT_", "").toLowerCase(java.util.Locale.ROOT);
    return String.format(
        "%-8s %-10s (%s)", dtype, t.getTensorShape().getUnknownRank() ? "?" : shape, t.getName());
  }
}
