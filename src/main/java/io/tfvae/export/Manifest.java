package io.tfvae.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tfvae.config.TrainingSettings;
import io.tfvae.models.Model;
import io.tfvae.models.ModelSummary;
import io.tfvae.util.MachineInfo;
import java.time.Instant;
import org.tensorflow.TensorFlow;

/**
 * The manifest {@code assets.extra/tfvae.json}: what the SavedModel is and how it was made. The
 * evaluation tool adds the measured figures under {@code figures}.
 */
public final class Manifest {
  /** Path of the manifest inside a SavedModel directory. */
  public static final String PATH = "assets.extra/tfvae.json";

  private final JsonObject json;

  private Manifest(JsonObject json) {
    this.json = json;
  }

  /**
   * The manifest of a trained model.
   *
   * @param name the model's name
   * @param dataset what the training data is called ({@code mnist}, {@code in_memory})
   * @param binarization {@code dynamic} or {@code none}: how test images are prepared
   * @param validation which training examples were held out for validation
   * @param definitionText the model definition as text, or null for a model built in Java
   * @param settings the training settings (seed, precision)
   * @param model the model
   * @param dataDim size of x
   * @param steps steps trained
   * @param trainingSeconds wall time of training
   * @param threads TensorFlow threads used
   * @return the manifest
   */
  public static Manifest forTraining(
      String name,
      String dataset,
      String binarization,
      io.tfvae.data.ValidationSplit validation,
      String definitionText,
      TrainingSettings settings,
      Model model,
      int dataDim,
      long steps,
      double trainingSeconds,
      int threads) {
    JsonObject o = new JsonObject();
    o.addProperty("format", 1);
    ModelSummary summary = model.summary();
    o.addProperty("model_kind", summary.kind());
    o.addProperty("name", name);
    o.addProperty("dataset", dataset);
    o.addProperty("data_dim", dataDim);
    model
        .imageShape()
        .ifPresent(
            s -> {
              JsonArray a = new JsonArray();
              for (long d : s.asArray()) {
                a.add(d);
              }
              o.add("image_shape", a);
            });
    // How the evaluation tool prepares test images: "dynamic" models see 0/1 pixels (binarized
    // once with a fixed seed), "none" models the [0,1] values.
    o.addProperty("binarization", binarization);
    // N training examples were held out, the last N or N drawn with the seed: `tfvae eval --split
    // valid` carves the same ones (a manifest without validation_carving held out the last N).
    o.addProperty("validation_images", validation.images());
    if (validation.images() > 0) {
      o.addProperty("validation_carving", validation.carving());
      if (validation.seeded()) {
        o.addProperty("validation_seed", validation.seed());
      }
    }
    o.addProperty("likelihood", summary.likelihood());
    o.addProperty("classes", summary.classes());
    o.addProperty("latent_dim", summary.latentDim());
    if (summary.latentLayers().length > 1) {
      // z = [z_1, ..., z_L] in sample, decode, log_prior and log_posterior; encode gives z_1's.
      JsonArray layers = new JsonArray();
      for (int d : summary.latentLayers()) {
        layers.add(d);
      }
      o.add("latent_layers", layers);
    }
    o.addProperty("seed", settings.seed());
    o.addProperty("steps", steps);
    o.addProperty("threads", threads);
    // Same seed, data, threads and CPU type: same weights bit for bit; oneDNN picks its kernels by
    // the instruction set, so another CPU type gives other last bits.
    MachineInfo machine = MachineInfo.current();
    o.addProperty("cpu", machine.cpu());
    o.addProperty("cpu_isa", machine.isa());
    o.addProperty("training_precision", settings.precision().label());
    if (settings.polyakDecay() > 0f) {
      o.addProperty("polyak_decay", settings.polyakDecay());
      o.addProperty("exported_weights", settings.exportAverage() ? "polyak average" : "last step");
    }
    o.addProperty("training_seconds", Math.round(trainingSeconds * 10) / 10.0);
    o.addProperty("tensorflow_version", TensorFlow.version());
    o.addProperty("created", Instant.now().toString());
    if (definitionText != null) {
      o.addProperty("model_definition", definitionText);
    }
    o.add("model_description", lines(model.describe()));
    JsonObject networks = new JsonObject();
    model.networks().forEach((role, block) -> networks.add(role, lines(block.describe())));
    o.add("networks", networks);
    o.add("figures", new JsonObject());
    return new Manifest(o);
  }

  private static JsonArray lines(java.util.List<String> lines) {
    JsonArray a = new JsonArray();
    lines.forEach(a::add);
    return a;
  }

  /**
   * This manifest with the SHA-256 of the SavedModel's files, which the tools check before loading
   * ({@code saved_model.pb} has no checksum of its own).
   *
   * @param files path relative to the SavedModel directory to SHA-256
   * @return a new manifest
   */
  public Manifest withFiles(java.util.Map<String, String> files) {
    JsonObject o = json.deepCopy();
    JsonObject f = new JsonObject();
    files.forEach(f::addProperty);
    o.add("files", f);
    return new Manifest(o);
  }

  /**
   * This manifest with the user's data files: for each role ({@code train}, {@code valid}, {@code
   * test}) the file's absolute path, SHA-256 and shape. Nothing is added when there are none.
   *
   * @param files the files
   * @return a new manifest
   */
  public Manifest withDataFiles(java.util.List<io.tfvae.data.DataFile> files) {
    if (files.isEmpty()) {
      return this;
    }
    JsonObject o = json.deepCopy();
    JsonObject all = new JsonObject();
    for (io.tfvae.data.DataFile f : files) {
      JsonObject e = new JsonObject();
      e.addProperty("path", f.path().toString());
      e.addProperty("sha256", f.sha256());
      JsonArray shape = new JsonArray();
      for (int d : f.shape()) {
        shape.add(d);
      }
      e.add("shape", shape);
      e.addProperty("max_value", f.maxValue());
      if (f.labelColumn() > 0) {
        e.addProperty("label_column", f.labelColumn());
      }
      if (f.labels() != null) {
        JsonObject labels = new JsonObject();
        labels.addProperty("path", f.labels().toString());
        labels.addProperty("sha256", f.labelsSha256());
        e.add("labels", labels);
      }
      if (f.factors() != null) {
        JsonObject factors = new JsonObject();
        factors.addProperty("path", f.factors().toString());
        factors.addProperty("sha256", f.factorsSha256());
        e.add("factors", factors);
      }
      all.add(f.role(), e);
    }
    o.add("data_files", all);
    return new Manifest(o);
  }

  /** {@return the manifest as JSON} */
  public JsonObject json() {
    return json.deepCopy();
  }

  /** {@return the manifest as pretty-printed JSON text} */
  public String toJson() {
    return io.tfvae.util.StrictJson.toJson(json);
  }
}
