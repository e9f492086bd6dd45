package io.tfvae.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.tfvae.util.FileDigests;
import io.tfvae.util.Messages;
import io.tfvae.util.Precision;
import io.tfvae.util.SessionConfigs;
import io.tfvae.util.TextFiles;
import io.tfvae.util.TfvaeException;
import io.tfvae.util.VariableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * A loaded SavedModel, checked before TensorFlow sees it: the directory exists, {@code
 * saved_model.pb} parses, the variables are there. Signatures are looked up by key, and a missing
 * key is reported with the keys the model has.
 */
final class ModelHandle implements AutoCloseable {
  private final Path dir;
  private final SavedModel proto;
  private final SavedModelBundle bundle;

  private ModelHandle(Path dir, SavedModel proto, SavedModelBundle bundle) {
    this.dir = dir;
    this.proto = proto;
    this.bundle = bundle;
  }

  /**
   * Reads and checks {@code saved_model.pb} without loading the graph into TensorFlow.
   *
   * @param dir the SavedModel directory
   * @return the parsed proto
   */
  static SavedModel readProto(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ToolException(
          dir
              + ": SavedModel directory "
              + (Files.exists(dir) ? "is not a directory" : "does not exist"));
    }
    Path pb = dir.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      throw new ToolException(dir + ": not a SavedModel: saved_model.pb is missing");
    }
    verifyFiles(dir);
    SavedModel sm;
    try (InputStream in = Files.newInputStream(pb)) {
      sm = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new ToolException(pb + ": corrupt SavedModel protobuf (" + e.getMessage() + ")");
    }
    if (sm.getMetaGraphsCount() == 0) {
      throw new ToolException(pb + ": corrupt SavedModel: no meta graph");
    }
    return sm;
  }

  /**
   * Opens a SavedModel.
   *
   * @param dir the SavedModel directory
   * @param threads TensorFlow intra/inter-op threads (0: all cores)
   * @param trust skip the op allow-list ({@link OpAllowList})
   * @return the handle
   */
  static ModelHandle open(Path dir, int threads, boolean trust) {
    return open(dir, threads, trust, Precision.FLOAT32);
  }

  /**
   * Opens a SavedModel whose session runs in a given precision.
   *
   * @param dir the SavedModel directory
   * @param threads TensorFlow intra/inter-op threads (0: all cores)
   * @param trust skip the op allow-list
   * @param precision float32, or bfloat16 through oneDNN's rewrite
   * @return the handle
   */
  static ModelHandle open(Path dir, int threads, boolean trust, Precision precision) {
    SavedModel sm = readProto(dir);
    if (!trust) {
      OpAllowList.check(dir, sm);
    }
    if (!Files.isRegularFile(dir.resolve("variables/variables.index"))) {
      throw new ToolException(
          dir + ": SavedModel variables are missing (variables/variables.index)");
    }
    ConfigProto config = SessionConfigs.withThreads(threads, precision);
    try {
      SavedModelBundle b = SavedModelBundle.loader(dir.toString()).withConfigProto(config).load();
      return new ModelHandle(dir, sm, b);
    } catch (TensorFlowException e) {
      throw new ToolException(
          VariableFiles.named(dir.resolve("variables/variables"), e.getMessage())
              + ": TensorFlow cannot load this SavedModel: "
              + Messages.firstLine(e.getMessage()));
    }
  }

  /**
   * Checks the SavedModel's files against the SHA-256 digests its manifest recorded at export, so
   * that a damaged file is named before TensorFlow reads it (a flipped bit in {@code
   * saved_model.pb} would otherwise load as another graph). Models without digests are not checked.
   */
  private static void verifyFiles(Path dir) {
    JsonObject m = readManifest(dir);
    if (!m.has("files") || !m.get("files").isJsonObject()) {
      return;
    }
    Map<String, String> recorded = new TreeMap<>();
    m.getAsJsonObject("files")
        .entrySet()
        .forEach(e -> recorded.put(e.getKey(), e.getValue().getAsString()));
    try {
      FileDigests.verify(dir, recorded, "exported");
    } catch (TfvaeException e) {
      throw new ToolException(e.getMessage());
    }
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /** Signature definitions by key, from {@code saved_model.pb}. */
  Map<String, SignatureDef> signatures() {
    return new TreeMap<>(proto.getMetaGraphs(0).getSignatureDefMap());
  }

  boolean has(String key) {
    return proto.getMetaGraphs(0).getSignatureDefMap().containsKey(key);
  }

  /**
   * The signature of a key, or a one-line error listing the keys there are.
   *
   * @param key signature key
   * @return its definition
   */
  SignatureDef signature(String key) {
    SignatureDef d = proto.getMetaGraphs(0).getSignatureDefMap().get(key);
    if (d == null) {
      throw new ToolException(
          dir
              + ": the SavedModel has no '"
              + key
              + "' signature; it has: "
              + String.join(", ", signatures().keySet()));
    }
    return d;
  }

  /**
   * The static size of the last dimension of a signature's input.
   *
   * @param key signature key
   * @param input input name
   * @return the size, or -1 if unknown
   */
  long inputWidth(String key, String input) {
    TensorInfo info = signature(key).getInputsMap().get(input);
    if (info == null) {
      throw new ToolException(
          dir
              + ": signature '"
              + key
              + "' has no input '"
              + input
              + "'; inputs: "
              + String.join(", ", signature(key).getInputsMap().keySet()));
    }
    var shape = info.getTensorShape();
    return shape.getDimCount() == 0 ? -1 : shape.getDim(shape.getDimCount() - 1).getSize();
  }

  /**
   * Calls a signature. The caller closes the result.
   *
   * @param key signature key
   * @param inputs input name to tensor
   * @return outputs by name
   */
  Result call(String key, Map<String, Tensor> inputs) {
    signature(key);
    try {
      return bundle.function(key).call(inputs);
    } catch (TensorFlowException e) {
      throw new ToolException(
          dir + ": signature '" + key + "' failed: " + Messages.firstLine(e.getMessage()));
    }
  }

  /** The manifest {@code assets.extra/tfvae.json}, or an empty object when absent. */
  JsonObject manifest() {
    return readManifest(dir);
  }

  /**
   * The manifest of a SavedModel that is not loaded, after the checks {@link #open} makes before
   * loading (files against their digests, the op allow-list unless trusted), so that a command
   * reading several models can refuse a bad one before spending time on the others.
   *
   * @param dir the SavedModel directory
   * @param trust skip the op allow-list
   * @return the manifest, or an empty object when absent
   */
  static JsonObject checkedManifest(Path dir, boolean trust) {
    SavedModel sm = readProto(dir);
    if (!trust) {
      OpAllowList.check(dir, sm);
    }
    return readManifest(dir);
  }

  private static JsonObject readManifest(Path dir) {
    Path m = dir.resolve(Contract.MANIFEST);
    if (!Files.exists(m)) {
      return new JsonObject();
    }
    JsonElement e;
    try {
      e = JsonParser.parseString(TextFiles.readUtf8(m));
    } catch (IOException | JsonParseException ex) {
      throw new ToolException(m + ": unreadable manifest: " + Messages.describe(ex));
    }
    if (!e.isJsonObject()) {
      throw new ToolException(
          m
              + ": unreadable manifest: expected a JSON object, found "
              + (e.isJsonNull() ? "an empty file" : e.toString()));
    }
    return e.getAsJsonObject();
  }

  /** Signatures as TensorFlow Java sees them. */
  java.util.List<Signature> loadedSignatures() {
    return bundle.signatures();
  }

  @Override
  public void close() {
    bundle.close();
  }
}
