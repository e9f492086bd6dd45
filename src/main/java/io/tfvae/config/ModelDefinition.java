package io.tfvae.config;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.tfvae.config.proto.Activation;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.Likelihood;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.Prior;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated, immutable model definition: the {@link ModelDef} proto of a {@code .pbtxt} file
 * plus any overrides, with typed accessors.
 *
 * <p>Lifecycle: {@link #load(Path)} / {@link #preset(String)} / {@link #parse(String, String)} →
 * {@link #withOverride(String, String)} (zero or more) → used by the model and the trainer. Every
 * value is checked when the definition is made, so a bad field fails before any graph is built,
 * with a one-line {@link ModelDefinitionException} naming the source and the field path.
 */
public final class ModelDefinition {
  private final ModelDef proto;
  private final String source;

  private ModelDefinition(ModelDef proto, String source) {
    this.proto = proto;
    this.source = source;
    validate();
  }

  /**
   * Reads a text-format model definition.
   *
   * @param file a {@code .pbtxt} file holding a {@code tfvae.ModelDef}
   * @return the validated definition
   * @throws ModelDefinitionException if the file is missing, does not parse or has a bad value
   */
  public static ModelDefinition load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelDefinitionException(file + ": model definition file not found");
    } catch (IOException e) {
      throw new ModelDefinitionException(file + ": cannot read model definition: " + e);
    }
    return parse(text, file.toString());
  }

  /**
   * Loads one of the presets shipped in {@code model-defs/} (packaged in the framework jar).
   *
   * @param name preset name without extension, for example {@code "vae"}
   * @return the validated definition
   */
  public static ModelDefinition preset(String name) {
    String resource = "/model-defs/" + name + ".pbtxt";
    try (InputStream in = ModelDefinition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ModelDefinitionException(
            "preset '" + name + "' does not exist; presets: " + String.join(", ", presets()));
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".pbtxt");
    } catch (IOException e) {
      throw new ModelDefinitionException("cannot read preset " + resource + ": " + e);
    }
  }

  /** The names of the presets shipped with the framework. */
  public static List<String> presets() {
    return List.of("vae", "gmvae", "fsvae", "judge", "ssvae", "ssvae-cs236");
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
    ModelDef.Builder b = ModelDef.newBuilder();
    try {
      TextFormat.getParser().merge(text, b);
    } catch (TextFormat.ParseException e) {
      throw new ModelDefinitionException(
          source + ":" + e.getLine() + ":" + e.getColumn() + ": " + describeParseError(e.getMessage()));
    }
    return new ModelDefinition(b.build(), source);
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
   * Returns a copy with one field replaced. Scalars take their text form ({@code 500}, {@code
   * 1e-3}, {@code ELU}); repeated scalars take a comma-separated list ({@code 300,300}); messages
   * take a text-format fragment ({@code objective="iwae { k: 5 }"}).
   *
   * @param fieldPath dotted path from the root message, for example {@code training.steps}
   * @param value the new value
   * @return the validated new definition
   */
  public ModelDefinition withOverride(String fieldPath, String value) {
    ModelDef.Builder b = proto.toBuilder();
    String[] parts = fieldPath.split("\\.");
    Message.Builder cur = b;
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor fd = cur.getDescriptorForType().findFieldByName(parts[i]);
      if (fd == null) {
        throw new ModelDefinitionException(
            "override "
                + fieldPath
                + ": "
                + cur.getDescriptorForType().getFullName()
                + " has no field '"
                + parts[i]
                + "'; fields: "
                + fieldNames(cur));
      }
      boolean last = i == parts.length - 1;
      if (!last) {
        if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE || fd.isRepeated()) {
          throw new ModelDefinitionException(
              "override " + fieldPath + ": '" + parts[i] + "' is not a message field");
        }
        cur = cur.getFieldBuilder(fd);
      } else {
        setField(cur, fd, value, fieldPath);
      }
    }
    return new ModelDefinition(b.build(), source + " (override " + fieldPath + "=" + value + ")");
  }

  /**
   * Applies {@link #withOverride(String, String)} for each entry, in iteration order.
   *
   * @param overrides field path to value
   * @return the validated new definition
   */
  public ModelDefinition withOverrides(Map<String, String> overrides) {
    ModelDefinition d = this;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      d = d.withOverride(e.getKey(), e.getValue());
    }
    return d;
  }

  private static void setField(Message.Builder b, FieldDescriptor fd, String value, String path) {
    try {
      if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message.Builder sub = b.newBuilderForField(fd);
        TextFormat.getParser().merge(value, sub);
        b.setField(fd, sub.build());
        return;
      }
      if (fd.isRepeated()) {
        b.clearField(fd);
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            b.addRepeatedField(fd, parseScalar(fd, item.trim()));
          }
        }
        return;
      }
      b.setField(fd, parseScalar(fd, value.trim()));
    } catch (TextFormat.ParseException | IllegalArgumentException e) {
      throw new ModelDefinitionException(
          "override "
              + path
              + ": expected "
              + describeType(fd)
              + ", got '"
              + value
              + "'"
              + (e instanceof TextFormat.ParseException ? " (" + e.getMessage() + ")" : ""));
    }
  }

  private static Object parseScalar(FieldDescriptor fd, String v) {
    switch (fd.getJavaType()) {
      case INT:
        return Integer.parseInt(v);
      case LONG:
        return Long.parseLong(v);
      case FLOAT:
        return Float.parseFloat(v);
      case DOUBLE:
        return Double.parseDouble(v);
      case BOOLEAN:
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException(v);
        }
        return Boolean.parseBoolean(v);
      case STRING:
        return v;
      case ENUM:
        EnumValueDescriptor ev = fd.getEnumType().findValueByName(v);
        if (ev == null) {
          throw new IllegalArgumentException(v);
        }
        return ev;
      default:
        throw new IllegalArgumentException(v);
    }
  }

  private static String describeType(FieldDescriptor fd) {
    if (fd.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      StringBuilder sb = new StringBuilder("one of ");
      fd.getEnumType().getValues().stream()
          .filter(v -> v.getNumber() != 0)
          .forEach(v -> sb.append(v.getName()).append(' '));
      return sb.toString().trim();
    }
    if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return "a text-format " + fd.getMessageType().getName() + " message";
    }
    String one;
    switch (fd.getJavaType()) {
      case INT:
      case LONG:
        one = "integer";
        break;
      case FLOAT:
      case DOUBLE:
        one = "number";
        break;
      case BOOLEAN:
        return "true or false";
      default:
        one = "string";
    }
    return fd.isRepeated() ? "comma-separated " + one + "s" : (one.equals("integer") ? "an " : "a ") + one;
  }

  private static String fieldNames(Message.Builder b) {
    StringBuilder sb = new StringBuilder();
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.getName());
    }
    return sb.toString();
  }

  /**
   * One line from a TextFormat message. Those start with "line:column: " (the caller prints its own
   * position), and unknown fields come as a header plus one "line:column:\tfull.Name" line each.
   */
  private static String describeParseError(String msg) {
    String[] lines = msg.split("\n");
    String first = lines[0].replaceFirst("^\\d+:\\d+: ", "");
    if (first.startsWith("Input contains unknown fields") && lines.length > 1) {
      StringBuilder names = new StringBuilder();
      for (int i = 1; i < lines.length; i++) {
        String full = lines[i].replaceFirst("^\\d+:\\d+:\\s*", "");
        int dot = full.lastIndexOf('.');
        names.append(names.length() == 0 ? "" : ", ")
            .append(full.substring(0, Math.max(dot, 0)))
            .append(" has no field '")
            .append(full.substring(dot + 1))
            .append("'");
      }
      return names.toString();
    }
    return first;
  }

  private void validate() {
    positive("latent_dim", proto.getLatentDim());
    for (int h : proto.getEncoder().getHiddenList()) {
      positive("encoder.hidden", h);
    }
    for (int h : proto.getDecoder().getHiddenList()) {
      positive("decoder.hidden", h);
    }
    if (proto.getEncoder().getActivation() == Activation.ACTIVATION_UNSPECIFIED) {
      fail("encoder.activation", "one of ELU, RELU, TANH", "ACTIVATION_UNSPECIFIED");
    }
    if (proto.getDecoder().getActivation() == Activation.ACTIVATION_UNSPECIFIED) {
      fail("decoder.activation", "one of ELU, RELU, TANH", "ACTIVATION_UNSPECIFIED");
    }
    if (proto.getPrior().getKindCase() == Prior.KindCase.MIXTURE) {
      positive("prior.mixture.components", proto.getPrior().getMixture().getComponents());
    }
    if (proto.getLikelihood().getKindCase() == Likelihood.KindCase.GAUSSIAN) {
      float v = proto.getLikelihood().getGaussian().getVariance();
      if (!(v > 0f) || Float.isInfinite(v)) {
        fail("likelihood.gaussian.variance", "a finite number > 0", v);
      }
      if (proto.getData().getBinarization() == Binarization.DYNAMIC) {
        fail("data.binarization", "NONE with a gaussian likelihood (pixels stay in [0, 1])", "DYNAMIC");
      }
    }
    positive("classes", proto.getClasses());
    if (proto.getKind() == io.tfvae.config.proto.ModelKind.MODEL_KIND_UNSPECIFIED) {
      fail("kind", "VAE or CLASSIFIER", "MODEL_KIND_UNSPECIFIED");
    }
    for (int h : proto.getClassifier().getHiddenList()) {
      positive("classifier.hidden", h);
    }
    var ss = proto.getSemiSupervised();
    positive("semi_supervised.labels_per_class", ss.getLabelsPerClass());
    if (!(ss.getGenWeight() >= 0f) || !(ss.getClassWeight() >= 0f)) {
      fail("semi_supervised.gen_weight and class_weight", "numbers >= 0", ss.getGenWeight() + ", " + ss.getClassWeight());
    }
    for (int i : ss.getLabelledIndicesList()) {
      if (i < 0) {
        fail("semi_supervised.labelled_indices", "indices >= 0", i);
      }
    }

    Objective o = proto.getObjective();
    if (!(o.getBeta() >= 0f) || Float.isInfinite(o.getBeta())) {
      fail("objective.beta", "a finite number >= 0", o.getBeta());
    }
    if (o.getBoundCase() == Objective.BoundCase.IWAE) {
      positive("objective.iwae.k", o.getIwae().getK());
      if (o.getBeta() != 1f) {
        fail(
            "objective.beta",
            "1 with the iwae bound (the IWAE bound has no KL weight; use elbo {} for a beta-VAE)",
            o.getBeta());
      }
    }
    var t = proto.getTraining();
    var adam = t.getAdam();
    if (!(adam.getLearningRate() > 0f) || Float.isInfinite(adam.getLearningRate())) {
      fail("training.adam.learning_rate", "a finite number > 0", adam.getLearningRate());
    }
    if (!(adam.getBeta1() >= 0f && adam.getBeta1() < 1f)) {
      fail("training.adam.beta1", "a number in [0, 1)", adam.getBeta1());
    }
    if (!(adam.getBeta2() >= 0f && adam.getBeta2() < 1f)) {
      fail("training.adam.beta2", "a number in [0, 1)", adam.getBeta2());
    }
    if (!(adam.getEpsilon() > 0f)) {
      fail("training.adam.epsilon", "a number > 0", adam.getEpsilon());
    }
    positive("training.batch_size", t.getBatchSize());
    if (t.getSteps() < 0) {
      fail("training.steps", "a number >= 0", t.getSteps());
    }
    if (t.getThreads() < 0) {
      fail("training.threads", "a number >= 0 (0: all cores)", t.getThreads());
    }
    if (t.getCheckpointEvery() < 0) {
      fail("training.checkpoint_every", "a number >= 0 (0: only at the end)", t.getCheckpointEvery());
    }
    if (t.getLogEvery() <= 0) {
      fail("training.log_every", "a number > 0", t.getLogEvery());
    }
    positive("training.keep_checkpoints", t.getKeepCheckpoints());
    if (proto.getData().getDataset() == Dataset.DATASET_UNSPECIFIED) {
      fail("data.dataset", "MNIST", "DATASET_UNSPECIFIED");
    }
    if (proto.getData().getBinarization() == Binarization.BINARIZATION_UNSPECIFIED) {
      fail("data.binarization", "DYNAMIC or NONE", "BINARIZATION_UNSPECIFIED");
    }
  }

  private void positive(String field, long value) {
    if (value <= 0) {
      fail(field, "a number > 0", value);
    }
  }

  private void fail(String field, String expected, Object found) {
    throw new ModelDefinitionException(
        source + ": " + field + ": expected " + expected + ", got " + found);
  }

  /** The underlying proto (immutable). */
  public ModelDef proto() {
    return proto;
  }

  /** Where this definition came from, as used in error messages. */
  public String source() {
    return source;
  }

  /** The definition as text format, as written into checkpoints and manifests. */
  public String toText() {
    return TextFormat.printer().printToString(proto);
  }

  /** Model name; {@code "vae"} when unset. */
  public String name() {
    return proto.hasName() ? proto.getName() : "vae";
  }

  /** Size of the latent code z. */
  public int latentDim() {
    return proto.getLatentDim();
  }

  /** Hidden layer widths of the encoder q(z|x). */
  public int[] encoderHidden() {
    return proto.getEncoder().getHiddenList().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Hidden activation of the encoder. */
  public Activation encoderActivation() {
    return proto.getEncoder().getActivation();
  }

  /** Hidden layer widths of the decoder p(x|z). */
  public int[] decoderHidden() {
    return proto.getDecoder().getHiddenList().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Hidden activation of the decoder. */
  public Activation decoderActivation() {
    return proto.getDecoder().getActivation();
  }

  /** Which prior p(z); standard normal when unset. */
  public Prior.KindCase priorKind() {
    Prior.KindCase c = proto.getPrior().getKindCase();
    return c == Prior.KindCase.KIND_NOT_SET ? Prior.KindCase.STANDARD_NORMAL : c;
  }

  /** Components k of the mixture prior (meaningful for {@code mixture}). */
  public int mixtureComponents() {
    return proto.getPrior().getMixture().getComponents();
  }

  /** Which likelihood p(x|z); Bernoulli when unset. */
  public Likelihood.KindCase likelihoodKind() {
    Likelihood.KindCase c = proto.getLikelihood().getKindCase();
    return c == Likelihood.KindCase.KIND_NOT_SET ? Likelihood.KindCase.BERNOULLI : c;
  }

  /** Fixed variance of the Gaussian likelihood. */
  public float gaussianVariance() {
    return proto.getLikelihood().getGaussian().getVariance();
  }

  /** Whether the Gaussian likelihood learns its variance. */
  public boolean learnVariance() {
    return proto.getLikelihood().getGaussian().getLearnVariance();
  }

  /** What is trained: a VAE or a classifier. */
  public io.tfvae.config.proto.ModelKind kind() {
    return proto.getKind();
  }

  /** Hidden layer widths of the classifier. */
  public int[] classifierHidden() {
    return proto.getClassifier().getHiddenList().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Hidden activation of the classifier. */
  public Activation classifierActivation() {
    return proto.getClassifier().getActivation();
  }

  /** The semi-supervised settings (kind: SSVAE). */
  public io.tfvae.config.proto.SemiSupervised semiSupervised() {
    return proto.getSemiSupervised();
  }

  /** Whether encoder and decoder are conditioned on the label (always, for an SSVAE). */
  public boolean conditional() {
    return proto.getConditional() || proto.getKind() == io.tfvae.config.proto.ModelKind.SSVAE;
  }

  /** Number of label classes. */
  public int classes() {
    return proto.getClasses();
  }

  /** KL weight β of the negative ELBO. */
  public float beta() {
    return proto.getObjective().getBeta();
  }

  /** The training bound; the ELBO when unset. */
  public Objective.BoundCase bound() {
    Objective.BoundCase c = proto.getObjective().getBoundCase();
    return c == Objective.BoundCase.BOUND_NOT_SET ? Objective.BoundCase.ELBO : c;
  }

  /** Importance samples k of the IWAE training objective (meaningful for {@code iwae}). */
  public int iwaeK() {
    return proto.getObjective().getIwae().getK();
  }

  /** Adam step size. */
  public float learningRate() {
    return proto.getTraining().getAdam().getLearningRate();
  }

  /** Adam β1. */
  public float adamBeta1() {
    return proto.getTraining().getAdam().getBeta1();
  }

  /** Adam β2. */
  public float adamBeta2() {
    return proto.getTraining().getAdam().getBeta2();
  }

  /** Adam ε. */
  public float adamEpsilon() {
    return proto.getTraining().getAdam().getEpsilon();
  }

  /** Training mini-batch size. */
  public int batchSize() {
    return proto.getTraining().getBatchSize();
  }

  /** Number of training steps. */
  public long steps() {
    return proto.getTraining().getSteps();
  }

  /** Seed of weights, data order, binarization and noise. */
  public long seed() {
    return proto.getTraining().getSeed();
  }

  /** TensorFlow threads, with 0 resolved to the number of available cores. */
  public int threads() {
    int t = proto.getTraining().getThreads();
    return t > 0 ? t : Runtime.getRuntime().availableProcessors();
  }

  /** Checkpoint interval in steps (0: only at the end). */
  public long checkpointEvery() {
    return proto.getTraining().getCheckpointEvery();
  }

  /** Progress interval in steps. */
  public long logEvery() {
    return proto.getTraining().getLogEvery();
  }

  /** Checkpoints kept on disk. */
  public int keepCheckpoints() {
    return proto.getTraining().getKeepCheckpoints();
  }

  /** Training data set. */
  public Dataset dataset() {
    return proto.getData().getDataset();
  }

  /** Binarization of training batches. */
  public Binarization binarization() {
    return proto.getData().getBinarization();
  }

  /**
   * The part of the definition that fixes the graph and the numbers it computes: everything but
   * the step count and the logging/checkpoint intervals. A checkpoint may be resumed only under
   * the same identity.
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
