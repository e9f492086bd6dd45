package io.tfvae.tools;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Refuses SavedModels whose graphs could touch the machine. Before TensorFlow loads a graph:
 *
 * <ul>
 *   <li>every node's op must be one of the math, neural-network, random, control and variable ops
 *       these models use ({@link #MODEL_OPS});
 *   <li>checkpoint I/O ops ({@link #SAVER_OPS}) may appear only inside the saver's own scope (the
 *       loader runs them to restore the weights), and no signature output may depend on one;
 *   <li>the graph may hold no function library (functions could hide any op).
 * </ul>
 *
 * Anything else (file reads and writes, process, network or Python ops, ...) is refused with the op
 * and node named, unless the user passes {@code --trust}.
 */
final class OpAllowList {
  /** Ops a model's inference graph may use. */
  static final Set<String> MODEL_OPS =
      Set.of(
          // structure and constants
          "Const",
          "Placeholder",
          "PlaceholderWithDefault",
          "Identity",
          "IdentityN",
          "NoOp",
          "StopGradient",
          "Assert",
          "Shape",
          "ShapeN",
          "Size",
          "Rank",
          "Pack",
          "Unpack",
          "Reshape",
          "Squeeze",
          "ExpandDims",
          "Gather",
          "GatherV2",
          "Split",
          "SplitV",
          "Slice",
          "StridedSlice",
          "Concat",
          "ConcatV2",
          "Tile",
          "Fill",
          "ZerosLike",
          "OnesLike",
          "Range",
          "Transpose",
          "ReverseV2",
          "OneHot",
          "Cast",
          "Select",
          "SelectV2",
          "Where",
          // variables
          "VariableV2",
          "Assign",
          "VarHandleOp",
          "ReadVariableOp",
          "AssignVariableOp",
          "VarIsInitializedOp",
          // arithmetic
          "Add",
          "AddV2",
          "AddN",
          "Sub",
          "Mul",
          "Div",
          "RealDiv",
          "DivNoNan",
          "Neg",
          "Reciprocal",
          "Square",
          "SquaredDifference",
          "Sqrt",
          "Rsqrt",
          "Pow",
          "Exp",
          "Log",
          "Log1p",
          "Expm1",
          "Abs",
          "Sign",
          "Maximum",
          "Minimum",
          "ClipByValue",
          "Floor",
          "Round",
          "Sum",
          "Mean",
          "Max",
          "Min",
          "Prod",
          "All",
          "Any",
          "ArgMax",
          "ArgMin",
          "MatMul",
          "BatchMatMul",
          "BatchMatMulV2",
          "BatchMatMulV3",
          "BiasAdd",
          "Equal",
          "NotEqual",
          "Less",
          "LessEqual",
          "Greater",
          "GreaterEqual",
          "LogicalAnd",
          "LogicalOr",
          "LogicalNot",
          "IsFinite",
          "IsNan",
          "IsInf",
          // activations and normalizers
          "Elu",
          "Relu",
          "Relu6",
          "LeakyRelu",
          "Selu",
          "Tanh",
          "Sigmoid",
          "Softplus",
          "Softsign",
          "Softmax",
          "LogSoftmax",
          // convolutional blocks, inference forms (a transposed convolution runs
          // Conv2DBackpropInput forward)
          "Conv2D",
          "Conv2DBackpropInput",
          "DepthToSpace",
          "ResizeNearestNeighbor",
          "MaxPool",
          "FusedBatchNormV3",
          // stateless randomness
          "StatelessRandomNormal",
          "StatelessRandomUniform",
          "StatelessRandomUniformInt",
          "StatelessTruncatedNormal",
          "StatelessMultinomial",
          "StatelessRandomNormalV2",
          "StatelessRandomUniformV2",
          "StatelessRandomUniformIntV2",
          "StatelessRandomGetKeyCounterAlg");

  /** Checkpoint I/O the loader runs to restore weights; allowed only in the saver's scope. */
  static final Set<String> SAVER_OPS =
      Set.of(
          "SaveV2",
          "RestoreV2",
          "MergeV2Checkpoints",
          "ShardedFilename",
          "StringJoin",
          "Save",
          "Restore",
          "RestoreSlice",
          "ShardedFilespec");

  private OpAllowList() {}

  /**
   * Checks a SavedModel's first meta graph.
   *
   * @param dir the SavedModel directory, for messages
   * @param sm the parsed {@code saved_model.pb}
   * @throws ToolException naming the first refused op and node
   */
  static void check(Path dir, SavedModel sm) {
    String hint = "; pass --trust to run this SavedModel anyway";
    MetaGraphDef mg = sm.getMetaGraphs(0);
    if (mg.getGraphDef().getLibrary().getFunctionCount() > 0) {
      throw new ToolException(
          dir
              + ": refusing a graph with a function library ("
              + mg.getGraphDef().getLibrary().getFunction(0).getSignature().getName()
              + ", ...): functions can hide any op"
              + hint);
    }
    String saverScope = scopeOf(mg.getSaverDef().getFilenameTensorName());
    Map<String, NodeDef> nodes = new HashMap<>();
    for (NodeDef n : mg.getGraphDef().getNodeList()) {
      nodes.put(n.getName(), n);
      if (MODEL_OPS.contains(n.getOp())) {
        continue;
      }
      if (SAVER_OPS.contains(n.getOp())) {
        if (saverScope.isEmpty() || !n.getName().startsWith(saverScope)) {
          throw new ToolException(
              dir
                  + ": refusing op '"
                  + n.getOp()
                  + "' (node '"
                  + n.getName()
                  + "'): checkpoint file I/O outside the saver"
                  + hint);
        }
        continue;
      }
      throw new ToolException(
          dir
              + ": refusing op '"
              + n.getOp()
              + "' (node '"
              + n.getName()
              + "'): not among the math, neural-network, random and variable ops these models use"
              + hint);
    }
    for (Map.Entry<String, SignatureDef> s : mg.getSignatureDefMap().entrySet()) {
      for (TensorInfo out : s.getValue().getOutputsMap().values()) {
        String bad = firstSaverAncestor(nodes, nodeName(out.getName()));
        if (bad != null) {
          throw new ToolException(
              dir
                  + ": refusing signature '"
                  + s.getKey()
                  + "': its outputs depend on checkpoint"
                  + " I/O (node '"
                  + bad
                  + "')"
                  + hint);
        }
      }
    }
  }

  private static String firstSaverAncestor(Map<String, NodeDef> nodes, String start) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!seen.add(name)) {
        continue;
      }
      NodeDef n = nodes.get(name);
      if (n == null) {
        continue;
      }
      if (SAVER_OPS.contains(n.getOp())) {
        return n.getName();
      }
      for (String in : n.getInputList()) {
        todo.push(nodeName(in));
      }
    }
    return null;
  }

  /** "^a/b:1" → "a/b". */
  static String nodeName(String input) {
    String s = input.startsWith("^") ? input.substring(1) : input;
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  private static String scopeOf(String tensorName) {
    String node = nodeName(tensorName);
    int slash = node.lastIndexOf('/');
    return slash < 0 ? "" : node.substring(0, slash + 1);
  }
}
