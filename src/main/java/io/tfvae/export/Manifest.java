package io.tfvae.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.tfvae.config.ModelDefinition;
import io.tfvae.models.ModelSummary;
import java.time.Instant;
import java.util.Locale;
import org.tensorflow.TensorFlow;

/**
 * The manifest {@code assets.extra/tfvae.json}: what the SavedModel is and how it was made. The
 * evaluation tool adds the measured figures under {@code figures}.
 */
public final class Manifest {
  /** Path of the manifest inside a SavedModel directory. */
  public static final String PATH = "assets.extra/tfvae.json";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private final JsonObject json;

  private Manifest(JsonObject json) {
    this.json = json;
  }

  /**
   * The manifest of a trained model.
   *
   * @param def the model definition
   * @param model what the model says of itself
   * @param dataDim size of x
   * @param steps steps trained
   * @param trainingSeconds wall time of training
   * @param threads TensorFlow threads used
   * @return the manifest
   */
  public static Manifest forTraining(
      ModelDefinition def,
      ModelSummary model,
      int dataDim,
      long steps,
      double trainingSeconds,
      int threads) {
    JsonObject o = new JsonObject();
    o.addProperty("format", 1);
    o.addProperty("model_kind", model.kind());
    o.addProperty("name", def.name());
    o.addProperty("dataset", def.data().dataset().name().toLowerCase(Locale.ROOT));
    o.addProperty("data_dim", dataDim);
    // How the evaluation tool prepares test images: "dynamic" models see 0/1 pixels (binarized
    // once with a fixed seed), "none" models the [0,1] values.
    o.addProperty("binarization", def.data().binarization().name().toLowerCase(Locale.ROOT));
    o.addProperty("likelihood", model.likelihood());
    o.addProperty("classes", model.classes());
    o.addProperty("latent_dim", model.latentDim());
    o.addProperty("seed", def.training().seed());
    o.addProperty("steps", steps);
    o.addProperty("threads", threads);
    o.addProperty("training_precision", def.training().precision().label());
    o.addProperty("training_seconds", Math.round(trainingSeconds * 10) / 10.0);
    o.addProperty("tensorflow_version", TensorFlow.version());
    o.addProperty("created", Instant.now().toString());
    o.addProperty("model_definition", def.toText());
    o.add("figures", new JsonObject());
    return new Manifest(o);
  }

  /** The manifest as JSON. */
  public JsonObject json() {
    return json.deepCopy();
  }

  /** The manifest as pretty-printed JSON text. */
  public String toJson() {
    return GSON.toJson(json);
  }
}
