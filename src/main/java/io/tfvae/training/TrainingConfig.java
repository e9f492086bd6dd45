package io.tfvae.training;

import io.tfvae.config.LearningRateSchedule;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.TrainingSettings;
import io.tfvae.util.Precision;
import java.util.Optional;

/**
 * How a model is trained, typed: the optimiser, the schedule, the seed and threads, checkpoints,
 * how batches are prepared, and what the data is called in the manifest. A {@code .pbtxt}
 * definition converts to one ({@link #of}); a Java user builds one ({@link #builder()}) and never
 * needs a definition or a generated protobuf class.
 */
public final class TrainingConfig {
  private final String name;
  private final TrainingSettings settings;
  private final boolean dynamicBinarization;
  private final String dataset;
  private final io.tfvae.data.ValidationSplit validation;
  private final ModelDefinition definition;

  private TrainingConfig(
      String name,
      TrainingSettings settings,
      boolean dynamicBinarization,
      String dataset,
      io.tfvae.data.ValidationSplit validation,
      ModelDefinition definition) {
    this.name = name;
    this.settings = settings;
    this.dynamicBinarization = dynamicBinarization;
    this.dataset = dataset;
    this.validation = validation;
    this.definition = definition;
  }

  /**
   * The training configuration of a definition: its {@code training} and {@code data} messages.
   *
   * @param definition the definition
   * @return the configuration
   */
  public static TrainingConfig of(ModelDefinition definition) {
    return new TrainingConfig(
        definition.name(),
        definition.training(),
        definition.data().binarizesDynamically(),
        definition.data().sourceLabel(),
        definition.data().validation(),
        definition);
  }

  /**
   * Starts a configuration; every setting is optional, with the schema's defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the model's name (exports and logs)} */
  public String name() {
    return name;
  }

  /** {@return the optimiser, schedule, seed, threads and checkpoint settings} */
  public TrainingSettings settings() {
    return settings;
  }

  /**
   * {@return whether every training batch is re-binarized by Bernoulli sampling of its [0,1]
   * values}
   */
  public boolean dynamicBinarization() {
    return dynamicBinarization;
  }

  /**
   * {@return what the manifest calls the training data ({@code mnist}; {@code in_memory} from
   * Java)}
   */
  public String dataset() {
    return dataset;
  }

  /** {@return which training examples were held out as the validation split} */
  public io.tfvae.data.ValidationSplit validation() {
    return validation;
  }

  /** {@return the definition this came from, if any} */
  public Optional<ModelDefinition> definition() {
    return Optional.ofNullable(definition);
  }

  /**
   * {@return where settings came from, for error messages: the definition's source, or "training"}
   */
  public String source() {
    return definition != null ? definition.source() : "training config";
  }

  /**
   * The part of the definition that fixes the numbers (everything but steps, threads and
   * intervals), as text; empty for a configuration built in Java, whose model describes itself.
   *
   * @return the text
   */
  String definitionIdentity() {
    return definition == null
        ? ""
        : com.google.protobuf.TextFormat.printer().printToString(definition.identity());
  }

  /** Builder of a {@link TrainingConfig}, with the schema's defaults. */
  public static final class Builder {
    private String name = "model";
    private float learningRate = 0.001f;
    private LearningRateSchedule schedule;
    private boolean adamax;
    private float polyakDecay;
    private boolean exportAverage;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private int batchSize = 100;
    private long steps = 20000;
    private long seed;
    private int threads;
    private long checkpointEvery = 1000;
    private long logEvery = 100;
    private int keepCheckpoints = 2;
    private Precision precision = Precision.FLOAT32;
    private boolean dynamicBinarization = true;
    private String dataset = "in_memory";

    private Builder() {}

    /**
     * The model's name. Default {@code model}.
     *
     * @param name a short name
     * @return this
     */
    public Builder optName(String name) {
      this.name = name;
      return this;
    }

    /**
     * Adam's constant step size. Default 0.001.
     *
     * @param learningRate a number &gt; 0
     * @return this
     */
    public Builder optLearningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /**
     * Polyak averaging: a moving average of the weights after each step, a_1 = w_1, a_t = d a_{t−1}
     * + (1 − d) w_t, kept in the checkpoint. Default: none.
     *
     * @param decay d in [0, 1); 0 for none
     * @param exportAverage whether {@link Trainer#export} writes the average instead of the weights
     * @return this
     */
    public Builder optPolyak(float decay, boolean exportAverage) {
      this.polyakDecay = decay;
      this.exportAverage = exportAverage;
      return this;
    }

    /**
     * Adamax (Kingma and Ba 2015, Algorithm 2) instead of Adam, with the same β1, β2, ε. Default:
     * Adam.
     *
     * @param adamax whether to use Adamax
     * @return this
     */
    public Builder optAdamax(boolean adamax) {
      this.adamax = adamax;
      return this;
    }

    /**
     * The step size as a function of the step (exponential or cosine decay, linear warm-up;
     * overrides {@link #optLearningRate}). Default: constant.
     *
     * @param schedule the schedule
     * @return this
     */
    public Builder optSchedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /**
     * Adam's β1, β2 and ε. Defaults 0.9, 0.999, 1e-8.
     *
     * @param beta1 β1 in [0, 1)
     * @param beta2 β2 in [0, 1)
     * @param epsilon ε &gt; 0
     * @return this
     */
    public Builder optAdam(float beta1, float beta2, float epsilon) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.epsilon = epsilon;
      return this;
    }

    /**
     * Examples per step. Default 100.
     *
     * @param batchSize a number &gt; 0
     * @return this
     */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Steps to train to. Default 20000.
     *
     * @param steps a number &gt;= 0
     * @return this
     */
    public Builder optSteps(long steps) {
      this.steps = steps;
      return this;
    }

    /**
     * Seed of the initial weights, the data order, the binarization and the noise. Default 0.
     *
     * @param seed the seed
     * @return this
     */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * TensorFlow's intra- and inter-op threads. Default 0: the number of cores.
     *
     * @param threads a number &gt;= 0
     * @return this
     */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Steps between checkpoints (0: only at the end), between progress reports, and how many
     * checkpoints to keep. Defaults 1000, 100, 2.
     *
     * @param checkpointEvery a number &gt;= 0
     * @param logEvery a number &gt; 0
     * @param keep a number &gt; 0
     * @return this
     */
    public Builder optCheckpoints(long checkpointEvery, long logEvery, int keep) {
      this.checkpointEvery = checkpointEvery;
      this.logEvery = logEvery;
      this.keepCheckpoints = keep;
      return this;
    }

    /**
     * The session's arithmetic. Default {@link Precision#FLOAT32}.
     *
     * @param precision the precision
     * @return this
     */
    public Builder optPrecision(Precision precision) {
      this.precision = precision;
      return this;
    }

    /**
     * Whether every training batch is re-binarized by Bernoulli sampling of its [0,1] values (as
     * for MNIST with a Bernoulli likelihood). Default true.
     *
     * @param dynamic re-binarize or feed the values as they are
     * @return this
     */
    public Builder optDynamicBinarization(boolean dynamic) {
      this.dynamicBinarization = dynamic;
      return this;
    }

    /**
     * What the manifest calls the training data. Default {@code in_memory}.
     *
     * @param dataset a short name
     * @return this
     */
    public Builder optDataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    /**
     * The configuration.
     *
     * @return it
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public TrainingConfig build() {
      check(
          learningRate > 0f && Float.isFinite(learningRate), "learning rate", "> 0", learningRate);
      check(beta1 >= 0f && beta1 < 1f, "adam beta1", "in [0, 1)", beta1);
      check(beta2 >= 0f && beta2 < 1f, "adam beta2", "in [0, 1)", beta2);
      check(epsilon > 0f, "adam epsilon", "> 0", epsilon);
      check(batchSize > 0, "batch size", "> 0", batchSize);
      check(steps >= 0, "steps", ">= 0", steps);
      check(threads >= 0, "threads", ">= 0", threads);
      check(checkpointEvery >= 0, "checkpoint every", ">= 0", checkpointEvery);
      check(logEvery > 0, "log every", "> 0", logEvery);
      check(keepCheckpoints > 0, "checkpoints kept", "> 0", keepCheckpoints);
      check(polyakDecay >= 0f && polyakDecay < 1f, "polyak decay", "in [0, 1)", polyakDecay);
      check(
          !exportAverage || polyakDecay > 0f, "export average", "with a polyak decay", polyakDecay);
      LearningRateSchedule s =
          schedule != null ? schedule : LearningRateSchedule.constant(learningRate);
      TrainingSettings settings =
          new TrainingSettings(
              s.initial(),
              s,
              beta1,
              beta2,
              epsilon,
              batchSize,
              steps,
              seed,
              threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
              checkpointEvery,
              logEvery,
              keepCheckpoints,
              precision,
              adamax,
              polyakDecay,
              exportAverage);
      return new TrainingConfig(
          name, settings, dynamicBinarization, dataset, io.tfvae.data.ValidationSplit.NONE, null);
    }

    private static void check(boolean ok, String what, String expected, Object got) {
      if (!ok) {
        throw new IllegalArgumentException(
            "training config: " + what + ": expected a number " + expected + ", got " + got);
      }
    }
  }
}
