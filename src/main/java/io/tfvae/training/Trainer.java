package io.tfvae.training;

import io.tfvae.bounds.NegativeElbo;
import io.tfvae.config.ModelDefinition;
import io.tfvae.config.ModelDefinitionException;
import io.tfvae.config.proto.Binarization;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.export.Manifest;
import io.tfvae.export.SavedModelExport;
import io.tfvae.config.proto.ModelKind;
import io.tfvae.models.Classifier;
import io.tfvae.models.Ssvae;
import io.tfvae.models.Vae;
import io.tfvae.nn.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Trains a model of a {@link ModelDefinition} on an {@link ImageSet} and exports it.
 *
 * <pre>{@code
 * ModelDefinition def = ModelDefinition.preset("vae").withOverride("training.steps", "2000");
 * try (Trainer trainer = Trainer.builder(def)
 *         .setTrainingData(Mnist.train(dataDir))
 *         .optCheckpointDir(Path.of("runs/vae"))
 *         .addListener(new ProgressListener())
 *         .build()) {
 *   TrainingResult result = trainer.fit();
 *   trainer.export(Path.of("savedmodels/vae"));
 * }
 * }</pre>
 *
 * <p>Step t trains on batch t of {@link EpochOrder}(seed), binarized in the graph by comparing a
 * stateless uniform draw keyed by (seed, 2t) with the [0,1] pixels, with reparameterization noise
 * keyed by (seed, 2t+1). If the checkpoint directory holds a checkpoint of the same model
 * definition, training resumes from it.
 */
public final class Trainer implements AutoCloseable {
  private final ModelDefinition definition;
  private final ImageSet data;
  private final int[] labelled;
  private final Ssvae ssvae;
  private final Checkpoints checkpoints;
  private final boolean ownsCheckpointDir;
  private final List<TrainingListener> listeners;
  private final String identity;

  private final Graph graph;
  private final Session session;
  private final Vae model;
  private final Placeholder<TFloat32> xProb;
  private final Placeholder<TInt64> stepInput;
  private final Placeholder<TFloat32> labelsInput;
  private final Op trainOp;
  private final Operand<org.tensorflow.types.TBool> variablesFinite;
  private final Operand<TFloat32> loss;
  private final List<String> metricNames;
  private final List<Operand<TFloat32>> metricOps;
  private final Classifier classifier;
  private final Operand<TFloat32> evalProbabilities;
  private final Placeholder<TFloat32> evalX;
  private final Placeholder<TInt64> evalSeed;
  private final Placeholder<TInt32> evalM;
  private final Placeholder<TFloat32> evalY;
  private final NegativeElbo evalTerms;
  private final Operand<TFloat32> evalNiwae;
  private final Placeholder<TInt32> evalN;
  private final Operand<TFloat32> evalSample;

  private long step;
  private boolean diverged;
  private double elapsedBefore;
  private Checkpoints.Checkpoint lastCheckpoint;

  private Trainer(Builder b) {
    this.definition = b.definition;
    boolean semiSupervised = b.definition.kind() == ModelKind.SSVAE;
    if (semiSupervised && !b.data.hasLabels()) {
      throw new ModelDefinitionException(
          b.definition.source() + ": kind: SSVAE needs labelled training data to choose its labelled images from");
    }
    this.labelled = semiSupervised ? chooseLabelled(b.definition, b.data) : null;
    // An SSVAE trains its ELBO on the rest of the training set, without their labels.
    this.data = semiSupervised ? without(b.data, labelled) : b.data;
    this.listeners = List.copyOf(b.listeners);
    this.identity = com.google.protobuf.TextFormat.printer().printToString(definition.identity());
    Path ckDir = b.checkpointDir;
    if (ckDir == null) {
      try {
        ckDir = Files.createTempDirectory("tfvae-checkpoints-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.ownsCheckpointDir = b.checkpointDir == null;
    this.checkpoints = new Checkpoints(ckDir, definition.keepCheckpoints());
    int dim = data.dim();
    boolean isClassifier = definition.kind() == ModelKind.CLASSIFIER;
    if ((definition.conditional() || isClassifier) && !semiSupervised && !data.hasLabels()) {
      throw new ModelDefinitionException(
          definition.source() + ": " + (isClassifier ? "kind: CLASSIFIER" : "conditional: true")
              + " needs labelled training data, and these images have no labels");
    }
    if (definition.batchSize() > data.count()) {
      throw new ModelDefinitionException(
          definition.source() + ": training.batch_size: expected at most " + data.count()
              + " (the training set size), got " + definition.batchSize());
    }

    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      Parameters params = Parameters.initialized(tf, definition.seed());
      boolean isSsvae = definition.kind() == ModelKind.SSVAE;
      ssvae = isSsvae ? new Ssvae(definition, dim, params) : null;
      model = isClassifier ? null : isSsvae ? ssvae.vae() : new Vae(definition, dim, params);
      classifier = isClassifier ? new Classifier(definition, dim, params) : isSsvae ? ssvae.classifier() : null;
      int classes = model == null ? classifier.classes() : model.classes();

      Ops t = tf.withSubScope("train");
      xProb = t.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dim)));
      stepInput = t.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Operand<TInt64> seed = t.constant(definition.seed());
      Operand<TInt64> twoT = t.math.mul(stepInput, t.constant(2L));
      Operand<TInt64> binarizeKey = t.stack(List.of(seed, twoT));
      Operand<TInt64> noiseKey = t.stack(List.of(seed, t.math.add(twoT, t.constant(1L))));
      Operand<TFloat32> x = xProb;
      if (definition.binarization() == Binarization.DYNAMIC) {
        // x ~ Bernoulli(p): 1 where a uniform draw falls below the pixel's [0,1] value.
        var u = t.random.statelessRandomUniform(t.shape(xProb), binarizeKey);
        x = t.dtypes.cast(t.math.less(u, xProb), TFloat32.class);
      }
      labelsInput =
          classes == 0 || isSsvae
              ? null
              : t.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      var axis0 = t.constant(0);
      if (isSsvae) {
        // The labelled images are constants of the graph, binarized afresh at every step with a
        // stream of their own (key (seed + 1, 2t)).
        float[] xl = new float[labelled.length * dim];
        b.data.gatherScaled(labelled, xl);
        float[] yl = oneHotValues(labelled.length, classes, i -> b.data.label(labelled[i]));
        Operand<TFloat32> xlProb = t.constant(Shape.of(labelled.length, dim), DataBuffers.of(xl, true, false));
        Operand<TFloat32> ylOneHot = t.constant(Shape.of(labelled.length, classes), DataBuffers.of(yl, true, false));
        Operand<TInt64> labelledKey = t.stack(List.of(t.math.add(seed, t.constant(1L)), twoT));
        Operand<TFloat32> xlBin =
            t.dtypes.cast(t.math.less(t.random.statelessRandomUniform(t.shape(xlProb), labelledKey), xlProb), TFloat32.class);
        Operand<TFloat32> ce = t.math.mean(classifier.crossEntropy(t, xlBin, ylOneHot), axis0);
        float genWeight = definition.semiSupervised().getGenWeight();
        float classWeight = definition.semiSupervised().getClassWeight();
        Operand<TFloat32> weightedCe = t.math.mul(t.constant(classWeight), ce);
        if (genWeight > 0f) {
          NegativeElbo terms = ssvae.negativeElbo(t, x, noiseKey);
          Operand<TFloat32> nelbo = t.math.mean(terms.nelbo(), axis0);
          loss = t.math.add(t.math.mul(t.constant(genWeight), nelbo), weightedCe);
          metricNames = List.of("nelbo", "kl", "rec", "cross_entropy");
          metricOps =
              List.of(t.identity(nelbo), t.math.mean(terms.kl(), axis0), t.math.mean(terms.rec(), axis0), t.identity(ce));
        } else {
          loss = weightedCe;
          metricNames = List.of("cross_entropy");
          metricOps = List.of(t.identity(ce));
        }
      } else if (isClassifier) {
        Operand<TFloat32> ce = t.math.mean(classifier.crossEntropy(t, x, labelsInput), axis0);
        loss = ce;
        metricNames = List.of("cross_entropy", "accuracy");
        metricOps = List.of(t.withName("cross_entropy").identity(ce), t.math.mean(classifier.correct(t, x, labelsInput), axis0));
      } else {
        Vae.Loss l = model.loss(t, x, labelsInput, noiseKey);
        loss = l.value();
        metricNames = List.of("nelbo", "kl", "rec");
        metricOps =
            List.of(
                t.math.mean(l.terms().nelbo(), axis0),
                t.math.mean(l.terms().kl(), axis0),
                t.math.mean(l.terms().rec(), axis0));
      }
      OrderedAdam adam =
          new OrderedAdam(
              graph,
              definition.learningRate(),
              definition.adamBeta1(),
              definition.adamBeta2(),
              definition.adamEpsilon());
      trainOp = adam.minimize(loss);
      variablesFinite = allFinite(t.withSubScope("check"));

      // Evaluation ops on the same variables: the numbers the trainer reports for a model.
      Ops e = tf.withSubScope("eval");
      evalX = e.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dim)));
      evalSeed = e.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      evalM = e.withName("m").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      evalN = e.withName("n").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      evalY =
          classes == 0 || model == null
              ? null
              : e.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      if (isClassifier) {
        evalTerms = null;
        evalNiwae = null;
        evalSample = null;
        evalProbabilities = classifier.probabilities(e, evalX);
      } else if (isSsvae && model == null) {
        evalTerms = null;
        evalNiwae = null;
        evalSample = null;
        evalProbabilities = classifier.probabilities(e, evalX);
      } else if (isSsvae) {
        evalTerms = ssvae.negativeElbo(e, evalX, evalSeed);
        evalNiwae = null;
        evalProbabilities = classifier.probabilities(e, evalX);
        evalSample =
            model.decodeMean(
                e,
                e.random.statelessRandomNormal(e.stack(List.of(evalN, e.constant(definition.latentDim()))), evalSeed),
                evalY);
      } else {
        evalProbabilities = null;
        evalTerms = model.negativeElbo(e, evalX, evalY, evalSeed);
        evalNiwae = model.negativeIwae(e, evalX, evalY, evalM, evalSeed);
        evalSample =
            classes == 0
                ? model.sample(e, evalN, evalSeed)
                : model.decodeMean(
                    e,
                    e.random.statelessRandomNormal(
                        e.stack(List.of(evalN, e.constant(definition.latentDim()))), evalSeed),
                    evalY);
      }

      created = new Session(graph, sessionConfig(definition.threads()));
      session = created;
      checkpoints.removeStaleTemporaries();
      restoreOrInitialize(b.resume);
    } catch (RuntimeException ex) {
      // A session holds a reference to its graph: close it first, or Graph.close() waits forever.
      if (created != null) {
        created.close();
      }
      graph.close();
      throw ex;
    }
    listeners.forEach(l -> l.onAttach(this));
  }

  /** The images of a set but those at the given (sorted) indices, with their labels dropped. */
  private static ImageSet without(ImageSet all, int[] labelled) {
    int[] excluded = Arrays.stream(labelled).distinct().sorted().toArray();
    int dim = all.dim();
    int n = all.count() - excluded.length;
    byte[] p = new byte[n * dim];
    int k = 0;
    int e = 0;
    for (int i = 0; i < all.count(); i++) {
      if (e < excluded.length && excluded[e] == i) {
        e++;
        continue;
      }
      System.arraycopy(all.pixels(), i * dim, p, k * dim, dim);
      k++;
    }
    return new ImageSet(p, null, n, dim);
  }

  /** The explicit {@code labelled_indices} when given (repeats kept), else the seeded choice; sorted. */
  private static int[] chooseLabelled(ModelDefinition definition, ImageSet data) {
    var ss = definition.semiSupervised();
    if (ss.getLabelledIndicesCount() == 0) {
      return Ssvae.labelledIndices(data, ss.getLabelsPerClass(), definition.classes(), ss.getLabelSeed());
    }
    int[] out = ss.getLabelledIndicesList().stream().mapToInt(Integer::intValue).sorted().toArray();
    for (int i : out) {
      if (i >= data.count()) {
        throw new ModelDefinitionException(
            definition.source() + ": semi_supervised.labelled_indices: expected indices below " + data.count()
                + " (the training set size), got " + i);
      }
      if (data.label(i) >= definition.classes()) {
        throw new ModelDefinitionException(
            definition.source() + ": semi_supervised.labelled_indices: training image " + i + " has label "
                + data.label(i) + ", expected one below classes = " + definition.classes());
      }
    }
    return out;
  }

  /** The training-set indices of the labelled images of an SSVAE (null otherwise). */
  public int[] labelledIndices() {
    return labelled == null ? null : labelled.clone();
  }

  /** True when every float variable of the graph (weights and optimizer slots) is finite. */
  private Operand<org.tensorflow.types.TBool> allFinite(Ops tf) {
    Operand<org.tensorflow.types.TBool> all = tf.constant(true);
    for (java.util.Iterator<org.tensorflow.GraphOperation> it = graph.operations(); it.hasNext(); ) {
      org.tensorflow.GraphOperation op = it.next();
      if (!op.type().equals("VariableV2")) {
        continue;
      }
      org.tensorflow.Output<?> out = op.output(0);
      if (TFloat32.class.equals(out.type())) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> v = (Operand<TFloat32>) out;
        Operand<TFloat32> value = tf.identity(v);
        all = tf.math.logicalAnd(all, tf.reduceAll(tf.math.isFinite(value), tf.range(tf.constant(0), tf.rank(value), tf.constant(1))));
      }
    }
    return all;
  }

  /**
   * A session configuration with the given intra- and inter-op thread counts.
   *
   * @param threads thread count
   * @return the configuration
   */
  public static ConfigProto sessionConfig(int threads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .setAllowSoftPlacement(true)
        .build();
  }

  private void restoreOrInitialize(boolean resume) {
    Optional<Checkpoints.Checkpoint> latest = Optional.empty();
    if (resume) {
      for (Checkpoints.Checkpoint c : checkpoints.list()) {
        if (!c.definition().equals(identity)) {
          throw new ModelDefinitionException(
              checkpoints.dir() + ": holds checkpoints of a different model definition than "
                  + definition.source() + "; use another checkpoint directory to start afresh");
        }
        try {
          session.restore(c.variablesPrefix());
          latest = Optional.of(c);
          break;
        } catch (RuntimeException ex) {
          System.err.println(
              "warning: " + c.dir() + ": cannot restore (" + firstLine(ex.getMessage())
                  + "); trying the previous checkpoint");
        }
      }
    }
    if (latest.isPresent()) {
      lastCheckpoint = latest.get();
      step = lastCheckpoint.step();
      elapsedBefore = lastCheckpoint.elapsedSeconds();
    } else {
      session.initialize();
      step = 0;
      elapsedBefore = 0;
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  /**
   * Starts a trainer.
   *
   * @param definition the model definition
   * @return a builder
   */
  public static Builder builder(ModelDefinition definition) {
    return new Builder(definition);
  }

  /** Builder of {@link Trainer}: {@code setTrainingData} is required. */
  public static final class Builder {
    private final ModelDefinition definition;
    private ImageSet data;
    private Path checkpointDir;
    private boolean resume = true;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder(ModelDefinition definition) {
      this.definition = definition;
    }

    /**
     * Sets the training images (required). Pixels in [0,1] after scaling by 1/255; with {@code
     * data.binarization: DYNAMIC} every batch is re-binarized.
     *
     * @param data the images
     * @return this
     */
    public Builder setTrainingData(ImageSet data) {
      this.data = data;
      return this;
    }

    /**
     * Where checkpoints go. Default: a temporary directory removed by {@link #close()}.
     *
     * @param dir the directory
     * @return this
     */
    public Builder optCheckpointDir(Path dir) {
      this.checkpointDir = dir;
      return this;
    }

    /**
     * Whether to resume from the newest checkpoint in the checkpoint directory. Default true.
     *
     * @param resume resume or not
     * @return this
     */
    public Builder optResume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this
     */
    public Builder addListener(TrainingListener listener) {
      listeners.add(listener);
      return this;
    }

    /**
     * Builds the graph and initialises (or restores) the session.
     *
     * @return the trainer
     */
    public Trainer build() {
      if (data == null) {
        throw new IllegalStateException("call setTrainingData before build()");
      }
      return new Trainer(this);
    }
  }

  /**
   * Trains from the current step to {@code training.steps}, writing checkpoints every {@code
   * training.checkpoint_every} steps and at the end.
   *
   * @return what was done
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public TrainingResult fit() {
    long total = definition.steps();
    long first = step;
    int batch = definition.batchSize();
    int dim = data.dim();
    EpochOrder order = new EpochOrder(data.count(), batch, definition.seed());
    int[] indices = new int[batch];
    float[] pixels = new float[batch * dim];
    float[] losses = new float[(int) Math.max(0, total - first)];
    double sumLoss = 0;
    double[] sums = new double[metricNames.size()];
    int window = 0;
    Map<String, Double> last = new LinkedHashMap<>();
    listeners.forEach(l -> l.onTrainingBegin(first, total));
    long start = System.nanoTime();
    long windowStart = start;
    Shape shape = Shape.of(batch, dim);
    while (step < total) {
      StepValues v = runStep(order, indices, pixels, shape, null);
      losses[(int) (step - 1 - first)] = v.loss();
      sumLoss += v.loss();
      for (int i = 0; i < sums.length; i++) {
        sums[i] += v.metrics()[i];
      }
      window++;
      if (step % definition.logEvery() == 0 || step == total) {
        // A NaN or infinite gradient makes the weights non-finite; the next step's loss shows it,
        // and this check (a reduction over every variable) catches any that slipped through.
        requireFinite();
        long now = System.nanoTime();
        double rate = window / ((now - windowStart) / 1e9);
        last = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
          last.put(metricNames.get(i), sums[i] / window);
          sums[i] = 0;
        }
        StepStats stats =
            new StepStats(step, total, sumLoss / window, Collections.unmodifiableMap(new LinkedHashMap<>(last)), rate, (total - step) / rate);
        listeners.forEach(l -> l.onReport(stats));
        sumLoss = 0;
        window = 0;
        windowStart = now;
      }
      if (definition.checkpointEvery() > 0 && step % definition.checkpointEvery() == 0) {
        checkpoint(start);
      }
    }
    if (lastCheckpoint == null || lastCheckpoint.step() != step) {
      checkpoint(start);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    elapsedBefore += seconds;
    TrainingResult result =
        new TrainingResult(first, step, seconds, losses, Collections.unmodifiableMap(last));
    listeners.forEach(l -> l.onTrainingEnd(result));
    return result;
  }

  /** The scalars of one training step. */
  private record StepValues(float loss, float[] metrics, org.tensorflow.proto.RunMetadata metadata) {}

  /**
   * Runs training step {@link #step} (batch, binarization and noise of that step) and advances
   * the step counter.
   *
   * @param trace run options to trace with, or null
   */
  private StepValues runStep(EpochOrder order, int[] indices, float[] pixels, Shape shape,
      org.tensorflow.proto.RunOptions trace) {
    order.batch(step, indices);
    data.gatherScaled(indices, pixels);
    StepValues v;
    try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(pixels, true, false));
        TInt64 s = TInt64.scalarOf(step);
        TFloat32 y = labelsInput == null ? null : oneHot(indices, null)) {
      Session.Runner runner = session.runner();
      if (y != null) {
        runner.feed(labelsInput, y);
      }
      runner =
          runner
              .feed(xProb, x)
              .feed(stepInput, s)
              .addTarget(trainOp)
              .fetch(loss);
      metricOps.forEach(runner::fetch);
      if (trace != null) {
        runner.setOptions(trace);
      }
      try (Result r = trace != null ? runner.runAndFetchMetadata() : runner.run()) {
        float[] metrics = new float[metricOps.size()];
        for (int i = 0; i < metrics.length; i++) {
          metrics[i] = ((TFloat32) r.get(i + 1)).getFloat();
        }
        v = new StepValues(((TFloat32) r.get(0)).getFloat(), metrics, r.getMetadata().orElse(null));
      }
    }
    if (!Float.isFinite(v.loss)) {
      diverged = true;
      throw new TrainingDivergedException(
          "step " + (step + 1) + ": training loss is " + v.loss + "; last good checkpoint: "
              + (lastCheckpoint == null ? "none" : lastCheckpoint.dir())
              + " (lower training.adam.learning_rate, or check the input data)");
    }
    step++;
    return v;
  }

  /**
   * One-hot labels of the given examples of the training data, or of the given labels.
   *
   * @param indices training-set indices (used when labels is null)
   * @param labels labels 0..classes-1, or null
   */
  private TFloat32 oneHot(int[] indices, int[] labels) {
    int n = labels != null ? labels.length : indices.length;
    int c = classifier != null ? classifier.classes() : model.classes();
    float[] y = oneHotValues(n, c, i -> labels != null ? labels[i] : data.label(indices[i]));
    return TFloat32.tensorOf(Shape.of(n, c), DataBuffers.of(y, true, false));
  }

  /** Row-major [n, c] one-hot rows; row i is the label {@code labelOf(i)}, which must lie in 0..c-1. */
  private static float[] oneHotValues(int n, int c, java.util.function.IntUnaryOperator labelOf) {
    float[] y = new float[n * c];
    for (int i = 0; i < n; i++) {
      int label = labelOf.applyAsInt(i);
      if (label < 0 || label >= c) {
        throw new IllegalArgumentException("label " + label + " of example " + i + " is outside 0.." + (c - 1));
      }
      y[i * c + label] = 1f;
    }
    return y;
  }

  /**
   * Runs the next training step with full tracing, for profiling: a real step (the model trains),
   * whose per-op timings are in the returned metadata's step stats.
   *
   * @return TensorFlow's run metadata
   */
  public org.tensorflow.proto.RunMetadata profileStep() {
    int batch = definition.batchSize();
    EpochOrder order = new EpochOrder(data.count(), batch, definition.seed());
    var trace =
        org.tensorflow.proto.RunOptions.newBuilder()
            .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE)
            .build();
    return runStep(order, new int[batch], new float[batch * data.dim()], Shape.of(batch, data.dim()), trace)
        .metadata();
  }

  private void checkpoint(long fitStartNanos) {
    double elapsed = elapsedBefore + (System.nanoTime() - fitStartNanos) / 1e9;
    requireFinite();
    lastCheckpoint = checkpoints.write(session, step, identity, elapsed);
    listeners.forEach(l -> l.onCheckpoint(step, lastCheckpoint.dir()));
  }

  /**
   * Writes a checkpoint of the current state if the newest one is older.
   *
   * @return the newest checkpoint
   */
  public Checkpoints.Checkpoint checkpoint() {
    if (lastCheckpoint == null || lastCheckpoint.step() != step) {
      requireFinite();
      lastCheckpoint = checkpoints.write(session, step, identity, elapsedBefore);
    }
    return lastCheckpoint;
  }

  /**
   * Refuses to save a state with a NaN or infinite variable: nothing non-finite reaches a
   * checkpoint or an export.
   */
  private void requireFinite() {
    boolean finite;
    try (Result r = session.runner().fetch(variablesFinite).run()) {
      finite = ((org.tensorflow.types.TBool) r.get(0)).getBoolean();
    }
    if (diverged || !finite) {
      throw new TrainingDivergedException(
          "step " + step + ": the weights are not finite, so they are neither checkpointed nor"
              + " exported; last good checkpoint: "
              + (lastCheckpoint == null ? "none" : lastCheckpoint.dir()));
    }
  }

  /**
   * Exports the current weights as a SavedModel (weights only, named signatures, manifest in
   * {@code assets.extra/tfvae.json}); see {@link SavedModelExport}.
   *
   * @param dir the SavedModel directory, replaced atomically if it exists
   * @return the manifest written
   */
  public Manifest export(Path dir) {
    Checkpoints.Checkpoint c = checkpoint();
    Manifest m =
        Manifest.forTraining(definition, data.dim(), c.step(), c.elapsedSeconds(),
            definition.threads());
    SavedModelExport.export(definition, data.dim(), c.variablesPrefix(), dir, m);
    return m;
  }

  /**
   * Per-example negative ELBO terms of the current weights, from the training graph.
   *
   * @param x {@code n * dim} binary pixels
   * @param n number of examples
   * @param seed stateless noise seed, 2 longs
   * @return {nelbo, kl, rec}, each of length n
   */
  public float[][] negativeElbo(float[] x, int n, long[] seed) {
    return negativeElbo(x, null, n, seed);
  }

  /**
   * Per-example negative ELBO terms of log p(x | y) for a conditional model.
   *
   * @param x {@code n * dim} pixels
   * @param labels n labels (required for a conditional model, else ignored)
   * @param n number of examples
   * @param seed stateless noise seed, 2 longs
   * @return {nelbo, kl, rec}, each of length n
   */
  public float[][] negativeElbo(float[] x, int[] labels, int n, long[] seed) {
    requireVae();
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, data.dim()), DataBuffers.of(x, true, false));
        TInt64 st = TInt64.vectorOf(seed);
        TFloat32 yt = evalY == null || ssvae != null ? null : oneHot(null, labels);
        Result r =
            withLabels(session.runner(), yt)
                .feed(evalX, xt)
                .feed(evalSeed, st)
                .fetch(evalTerms.nelbo())
                .fetch(evalTerms.kl())
                .fetch(evalTerms.rec())
                .run()) {
      float[][] out = new float[3][n];
      for (int i = 0; i < 3; i++) {
        ((TFloat32) r.get(i)).copyTo(DataBuffers.of(out[i], false, false));
      }
      return out;
    }
  }

  /**
   * Per-example negative IWAE-m bound of the current weights, from the training graph.
   *
   * @param x {@code n * dim} binary pixels
   * @param n number of examples
   * @param m importance samples
   * @param seed stateless noise seed, 2 longs
   * @return the bound per example
   */
  public float[] negativeIwae(float[] x, int n, int m, long[] seed) {
    return negativeIwae(x, null, n, m, seed);
  }

  /**
   * Per-example negative IWAE-m bound of log p(x | y) for a conditional model.
   *
   * @param x {@code n * dim} pixels
   * @param labels n labels (required for a conditional model, else ignored)
   * @param n number of examples
   * @param m importance samples
   * @param seed stateless noise seed, 2 longs
   * @return the bound per example
   */
  public float[] negativeIwae(float[] x, int[] labels, int n, int m, long[] seed) {
    requireVae();
    if (evalNiwae == null) {
      throw new IllegalStateException(definition.source() + ": the SSVAE has no IWAE bound here (its latent y is summed out in the ELBO only)");
    }
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, data.dim()), DataBuffers.of(x, true, false));
        TInt64 st = TInt64.vectorOf(seed);
        TInt32 mt = TInt32.scalarOf(m);
        TFloat32 yt = evalY == null || ssvae != null ? null : oneHot(null, labels);
        Result r =
            withLabels(session.runner(), yt)
                .feed(evalX, xt)
                .feed(evalSeed, st)
                .feed(evalM, mt)
                .fetch(evalNiwae)
                .run()) {
      float[] out = new float[n];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /**
   * Samples of the current model: z from the prior, then the decoder mean (for a conditional
   * model, sample i has label i mod classes).
   *
   * @param n number of samples
   * @param seed stateless seed, 2 longs
   * @return {@code n * dim} values
   */
  public float[] sample(int n, long[] seed) {
    requireVae();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = model.classes() == 0 ? 0 : i % model.classes();
    }
    try (TInt32 nt = TInt32.scalarOf(n);
        TInt64 st = TInt64.vectorOf(seed);
        TFloat32 yt = evalY == null ? null : oneHot(null, labels);
        Result r = withLabels(session.runner(), yt).feed(evalN, nt).feed(evalSeed, st).fetch(evalSample).run()) {
      float[] out = new float[n * data.dim()];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private void requireVae() {
    if (model == null) {
      throw new IllegalStateException(definition.source() + ": a classifier has no bounds or samples; use classify()");
    }
  }

  /**
   * Class probabilities q(y | x) of a classifier ({@code kind: CLASSIFIER}).
   *
   * @param x {@code n * dim} pixels
   * @param n number of examples
   * @return {@code n * classes} probabilities
   */
  public float[] classify(float[] x, int n) {
    if (classifier == null) {
      throw new IllegalStateException(definition.source() + ": only a classifier or an SSVAE classifies");
    }
    try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, data.dim()), DataBuffers.of(x, true, false));
        Result r = session.runner().feed(evalX, xt).fetch(evalProbabilities).run()) {
      float[] out = new float[n * classifier.classes()];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** Whether the model can draw samples (a VAE; not a classifier). */
  public boolean canSample() {
    return model != null;
  }

  /** Names of the quantities reported at each step, in order. */
  public List<String> metricNames() {
    return metricNames;
  }

  private Session.Runner withLabels(Session.Runner r, TFloat32 y) {
    return y == null ? r : r.feed(evalY, y);
  }

  /** Size of one example. */
  public int dataDim() {
    return data.dim();
  }

  /** Steps completed. */
  public long step() {
    return step;
  }

  /** The VAE being trained, for FLOP accounting and inspection (null for a classifier). */
  public Vae model() {
    return model;
  }

  /** The definition being trained. */
  public ModelDefinition definition() {
    return definition;
  }

  /** The checkpoint store. */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /** Closes the session, then the graph; removes a temporary checkpoint directory. */
  @Override
  public void close() {
    session.close();
    graph.close();
    if (ownsCheckpointDir) {
      try {
        Checkpoints.deleteTree(checkpoints.dir());
      } catch (IOException e) {
        System.err.println("warning: cannot remove " + checkpoints.dir() + ": " + e.getMessage());
      }
    }
  }
}
