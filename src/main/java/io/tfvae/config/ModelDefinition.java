package io.tfvae.config;

import com.google.protobuf.TextFormat;
import io.tfvae.config.proto.ModelDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated, immutable model definition: the {@link ModelDef} proto of a {@code .pbtxt} file plus
 * any overrides.
 *
 * <p>Lifecycle: {@link #load(Path)} / {@link #preset(String)} / {@link #parse(String, String)} →
 * {@link #withOverride(String, String)} (zero or more) → {@code io.tfvae.models.Models} builds the
 * model of its {@code model} case, and the trainer reads {@link #training()} and {@link #data()}.
 * Every value is checked when the definition is made ({@link DefinitionValidator}), so a bad field
 * fails before any graph is built, with a one-line {@link ModelDefinitionException} naming the
 * source and the field path.
 */
public final class ModelDefinition {
  private final ModelDef proto;
  private final String source;
  private final TrainingSettings training;
  private final DataSettings data;
  private final Path folder;

  private ModelDefinition(ModelDef proto, String source) {
    this(proto, source, null);
  }

  private ModelDefinition(ModelDef proto, String source, Path folder) {
    DefinitionValidator.validate(proto, source);
    this.proto = proto;
    this.source = source;
    this.folder = folder;
    this.training = TrainingSettings.of(proto.getTraining());
    this.data = DataSettings.of(proto.getData());
  }

  /**
   * Reads a text-format model definition.
   *
   * @param file a {@code .pbtxt} file holding a {@code tfvae.ModelDef}
   * @return the validated definition
   * @throws ModelDefinitionException if the file is missing, does not parse or has a bad value
   */
  public static ModelDefinition load(Path file) {
    return new ModelDefinition(
        DefinitionSources.load(file), file.toString(), file.toAbsolutePath().getParent());
  }

  /**
   * Loads one of the presets shipped in {@code model-defs/} (packaged in the framework jar).
   *
   * @param name preset name without extension, for example {@code "vae"}
   * @return the validated definition
   */
  public static ModelDefinition preset(String name) {
    return parse(DefinitionSources.presetText(name), name + ".pbtxt");
  }

  /** {@return the names of the presets shipped with the framework} */
  public static List<String> presets() {
    return DefinitionSources.PRESETS;
  }

  /**
   * Loads a definition from a path if one exists there, else from the presets.
   *
   * @param pathOrPreset a {@code .pbtxt} path or a preset name
   * @return the validated definition
   */
  public static ModelDefinition resolve(String pathOrPreset) {
    Path p = Path.of(pathOrPreset);
    if (Files.exists(p) || pathOrPreset.endsWith(".pbtxt")) {
      return load(p);
    }
    return preset(pathOrPreset);
  }

  /**
   * Parses a text-format definition.
   *
   * @param text the text proto
   * @param source the name used in error messages (a file name)
   * @return the validated definition
   */
  public static ModelDefinition parse(String text, String source) {
    return new ModelDefinition(DefinitionSources.parse(text, source), source);
  }

  /**
   * Wraps an already built proto.
   *
   * @param proto the definition
   * @param source the name used in error messages
   * @return the validated definition
   */
  public static ModelDefinition of(ModelDef proto, String source) {
    return new ModelDefinition(proto, source);
  }

  /**
   * Returns a copy with one field replaced (see {@link FieldOverrides} for the value syntax).
   *
   * @param fieldPath dotted path from the root message, for example {@code training.steps}
   * @param value the new value; empty clears the field
   * @return the validated new definition
   */
  public ModelDefinition withOverride(String fieldPath, String value) {
    return new ModelDefinition(
        FieldOverrides.apply(proto, fieldPath, value),
        source + " (override " + fieldPath + "=" + value + ")",
        folder);
  }

  /**
   * Applies every override in iteration order, then validates once: a combination that is valid
   * only as a whole (a data set and its binarization) may be given in any order.
   *
   * @param overrides field path to value
   * @return the validated new definition
   */
  public ModelDefinition withOverrides(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    ModelDef p = proto;
    StringBuilder applied = new StringBuilder();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      p = FieldOverrides.apply(p, e.getKey(), e.getValue());
      applied
          .append(applied.length() == 0 ? "" : ", ")
          .append(e.getKey())
          .append('=')
          .append(e.getValue());
    }
    return new ModelDefinition(p, source + " (override " + applied + ")", folder);
  }

  /**
   * {@return the underlying proto (immutable); models read their own message of its {@code model}
   * case}
   */
  public ModelDef proto() {
    return proto;
  }

  /**
   * Checks that the model's networks fit images of this shape: a user's files give the shape only
   * when they are read, after the definition was validated.
   *
   * @param image one image's [H, W, C]
   * @throws ModelDefinitionException naming the layer whose shape does not fit
   */
  public void requireNetworksFit(org.tensorflow.ndarray.Shape image) {
    DefinitionValidator.validateShapes(proto, source, image);
  }

  /**
   * {@return the folder of the definition's file, which relative {@code data.files} paths are taken
   * from; empty for presets and text parsed in memory}
   */
  public java.util.Optional<Path> folder() {
    return java.util.Optional.ofNullable(folder);
  }

  /**
   * {@return the label classes the model is conditioned on, chooses among or predicts (0: none)}
   */
  public int classes() {
    return switch (proto.getModelCase()) {
      case VAE -> proto.getVae().hasConditional()
          ? proto.getVae().getConditional().getClasses()
          : 0;
      case SSVAE -> proto.getSsvae().getClasses();
      case CLASSIFIER -> proto.getClassifier().getClasses();
      default -> 0;
    };
  }

  /**
   * {@return whether the model's likelihood of x is Bernoulli (so its inputs must be 0/1 values or
   * binarized); false for Gaussian likelihoods and for classifiers}
   */
  public boolean bernoulliLikelihood() {
    var gaussian = io.tfvae.config.proto.Likelihood.KindCase.GAUSSIAN;
    return switch (proto.getModelCase()) {
      case VAE -> proto.getVae().getLikelihood().getKindCase() != gaussian;
      case SSVAE -> proto.getSsvae().getLikelihood().getKindCase() != gaussian;
      case CATEGORICAL_VAE -> proto.getCategoricalVae().getLikelihood().getKindCase() != gaussian;
      default -> false;
    };
  }

  /** {@return the name used in error messages (a file name, with any overrides)} */
  public String source() {
    return source;
  }

  /** {@return the definition as text format, as written into checkpoints and manifests} */
  public String toText() {
    return TextFormat.printer().printToString(proto);
  }

  /** {@return model name; the model case's name ({@code "vae"}) when unset} */
  public String name() {
    return proto.hasName() ? proto.getName() : proto.getModelCase().name().toLowerCase();
  }

  /** {@return the training settings} */
  public TrainingSettings training() {
    return training;
  }

  /** {@return the data settings} */
  public DataSettings data() {
    return data;
  }

  /**
   * The part of the definition that fixes the graph and the numbers it computes: everything but the
   * step count, the thread count and the logging/checkpoint intervals. A checkpoint may be resumed
   * only under the same identity.
   *
   * @return the definition without those fields
   */
  public ModelDef identity() {
    ModelDef.Builder b = proto.toBuilder();
    b.getTrainingBuilder()
        .clearSteps()
        .clearCheckpointEvery()
        .clearLogEvery()
        .clearKeepCheckpoints()
        .clearThreads();
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelDefinition && ((ModelDefinition) o).proto.equals(proto);
  }

  @Override
  public int hashCode() {
    return Objects.hash(proto);
  }

  @Override
  public String toString() {
    return source + ": " + TextFormat.shortDebugString(proto);
  }
}
