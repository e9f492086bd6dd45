package io.tfvae.training;

import io.tfvae.config.ModelDefinition;
import io.tfvae.config.ModelDefinitionException;
import io.tfvae.config.TrainingSettings;
import io.tfvae.data.EpochOrder;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterServer;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.export.Manifest;
import io.tfvae.export.SavedModelExport;
import io.tfvae.models.Model;
import io.tfvae.models.ModelFactory;
import io.tfvae.models.Models;
import io.tfvae.models.StepInputs;
import io.tfvae.models.TrainingData;
import io.tfvae.nn.Parameters;
import io.tfvae.util.Messages;
import io.tfvae.util.SessionConfigs;
import io.tfvae.util.VariableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Trains a {@link Model} and exports it. It knows no model kind: the model gives the loss, the
 * metrics and the signatures; the trainer owns the session, the data order, the step's inputs, the
 * optimizer, checkpoints and listeners.
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
 * <p>Step t trains on batch t of {@link EpochOrder}(seed), binarized in the graph (when the
 * definition says so) by comparing a stateless uniform draw keyed by (seed, 2t) with the [0,1]
 * pixels; the model's noise is keyed by (seed, 2t+1) ({@link StepInputs}). If the checkpoint
 * directory holds a checkpoint of the same definition, training resumes from it; a fresh run
 * initializes the variables, then runs the model's data-dependent initializers ({@link
 * Parameters#dataInitializers()}, weight normalization's) on the inputs of step 0.
 */
public final class Trainer implements AutoCloseable {
  private final TrainingConfig config;
  private final TrainingSettings settings;
  private final ModelFactory factory;
  private final ImageSet data;
  private final Checkpoints checkpoints;
  private final CheckpointLock lock;
  private final boolean ownsCheckpointDir;
  private final List<TrainingListener> listeners;
  private final CheckpointIdentity identity;

  private final ClusterSettings cluster;
  private final List<io.tfvae.data.DataFile> dataFiles;
  private final ClusterLink link;
  private final BatchPrefetcher batches;
  private final List<String> modelVariables;
  private final Graph graph;
  private final Session session;
  private final Model model;
  private final TrainingStep trainingStep;
  private final FiniteWeightsGuard finiteGuard;
  private final SignatureCalls calls;

  private long step;
  private boolean diverged;
  private boolean released;
  private double elapsedBefore;
  private Checkpoints.Checkpoint lastCheckpoint;

  Trainer(TrainerBuilder b) {
    this.config = b.config;
    this.settings = config.settings();
    this.listeners = List.copyOf(b.listeners);
    this.factory =
        b.factory != null ? b.factory : Models.factory(b.definition, b.data, b.imageShape);
    this.cluster = b.cluster;
    this.dataFiles = b.dataFiles;
    this.ownsCheckpointDir = b.checkpointDir == null;
    Path dir = ownsCheckpointDir ? Checkpoints.temporaryDirectory() : b.checkpointDir;
    this.lock = CheckpointLock.acquire(dir);
    this.checkpoints = new Checkpoints(dir, settings.keepCheckpoints());
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      Parameters params =
          cluster == null
              ? Parameters.initialized(tf, settings.seed())
              : Parameters.initialized(tf, settings.seed(), cluster.role().placement());
      model = factory.create(params);
      modelVariables = ModelVariables.in(graph);
      identity =
          CheckpointIdentity.of(
              config.definitionIdentity(), model.describe(), graph, modelVariables);
      TrainingData td = model.prepare(b.data);
      this.data = td.images();
      boolean feedLabels = td.feedLabels();
      int classes = model.summary().classes();
      StepBatches stepBatches = StepBatches.of(config, data, cluster, feedLabels ? classes : 0);
      trainingStep =
          new TrainingStep(
              graph,
              tf,
              model,
              data.dim(),
              data.count(),
              feedLabels,
              config,
              cluster == null ? null : cluster.role());
      // Added as the training step applied the blocks, in the order of its forward pass.
      List<Op> dataInitializers = params.dataInitializers();
      finiteGuard = new FiniteWeightsGuard(graph, tf.withSubScope("check"));
      // The model's own signatures over the same variables: the trainer's evaluation API.
      var signatures = model.signatures(tf.withSubScope("serve"));
      created =
          cluster == null
              ? new Session(
                  graph, SessionConfigs.withThreads(settings.threads(), settings.precision()))
              : ClusterServer.openSession(graph, cluster, settings.threads(), settings.precision());
      session = created;
      calls = new SignatureCalls(session, signatures, data.dim(), classes);
      checkpoints.removeStaleTemporaries();
      restoreOrInitialize(b.resume, stepBatches, dataInitializers);
      link = cluster == null ? null : new ClusterLink(session, tf, trainingStep, cluster);
      batches = new BatchPrefetcher(stepBatches, settings.steps());
    } catch (RuntimeException ex) {
      // A session holds a reference to its graph: close it first, or Graph.close() waits forever.
      if (created != null) {
        created.close();
      }
      graph.close();
      lock.close();
      throw ex;
    }
    listeners.forEach(l -> l.onAttach(this));
  }

  /**
   * Restores the newest checkpoint, or initializes the variables and then runs the model's
   * data-dependent initializers on the batch of step 0: a resumed run reads their result from the
   * checkpoint and never runs them again.
   */
  private void restoreOrInitialize(
      boolean resume, StepBatches stepBatches, List<Op> dataInitializers) {
    var newest = resume ? checkpoints.latest() : java.util.Optional.<Checkpoints.Checkpoint>empty();
    if (newest.isPresent()) {
      Checkpoints.Checkpoint c = newest.get();
      var difference = identity.differenceFrom(c.identity());
      if (difference.isPresent()) {
        throw new ModelDefinitionException(
            checkpoints.dir()
                + ": holds checkpoints of another model than "
                + config.source()
                + " ("
                + difference.get()
                + "); use another checkpoint directory to start afresh");
      }
      try {
        session.restore(c.variablesPrefix());
      } catch (TensorFlowException ex) {
        throw Checkpoints.corrupt(
            c.dir(),
            VariableFiles.named(Path.of(c.variablesPrefix()), ex.getMessage())
                + ": "
                + Messages.firstLine(ex.getMessage()));
      }
      lastCheckpoint = c;
      step = c.step();
      elapsedBefore = c.elapsedSeconds();
      return;
    }
    session.initialize();
    if (!dataInitializers.isEmpty()) {
      StepBatches.Batch first = stepBatches.batch(0);
      trainingStep.initializeFromData(
          session, first.pixels(), first.indices().length, first.oneHot(), dataInitializers);
    }
  }

  /**
   * Starts a trainer of a definition's model.
   *
   * @param definition the model definition
   * @return a builder
   */
  public static TrainerBuilder builder(ModelDefinition definition) {
    return new TrainerBuilder(definition);
  }

  /**
   * Starts a trainer of a model built in Java, with no definition file.
   *
   * <pre>{@code
   * try (Trainer t = Trainer.builder(myVae, TrainingConfig.builder().optSteps(5000).build())
   *         .setTrainingData(images)
   *         .build()) {
   *   t.fit();
   *   t.export(Path.of("my-vae"));
   * }
   * }</pre>
   *
   * @param model the model's factory ({@link io.tfvae.models.Vae#builder()}, or your own)
   * @param config how to train it
   * @return a builder
   */
  public static TrainerBuilder builder(ModelFactory model, TrainingConfig config) {
    return new TrainerBuilder(model, config);
  }

  /**
   * Trains from the current step to {@code training.steps}, writing checkpoints every {@code
   * training.checkpoint_every} steps and at the end.
   *
   * @return what was done
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public TrainingResult fit() {
    return fitTo(settings.steps());
  }

  /**
   * Trains from the current step to step {@code until} (at most {@code training.steps}), writing
   * checkpoints every {@code training.checkpoint_every} steps and, when {@code training.steps} is
   * reached, at the end. Calls can follow one another: the run is the same as one {@link #fit()}.
   * In a cluster, a pause between calls longer than the workers' step timeout stops them.
   *
   * @param until the step to stop at
   * @return what was done
   * @throws TrainingDivergedException if the loss becomes NaN or infinite
   */
  public TrainingResult fitTo(long until) {
    long total = Math.min(until, settings.steps());
    long first = step;
    float[] losses = new float[(int) Math.max(0, total - first)];
    ReportWindow window = new ReportWindow(trainingStep.metricNames());
    Map<String, Double> last = Map.of();
    listeners.forEach(l -> l.onTrainingBegin(first, settings.steps()));
    long start = System.nanoTime();
    if (link != null && step < total && !released) {
      // Later steps are released by the update of the one before.
      link.release(step);
      released = true;
    }
    while (step < total) {
      TrainingStep.Values v = runStep(null);
      losses[(int) (step - 1 - first)] = v.loss();
      window.add(v.loss(), v.metrics());
      if (step % settings.logEvery() == 0 || step == settings.steps()) {
        // A NaN or infinite gradient makes the weights non-finite; the next step's loss shows it,
        // and this check (a reduction over every variable) catches any that slipped through.
        requireFinite();
        StepStats stats = window.close(step, settings.steps());
        last = stats.metrics();
        listeners.forEach(l -> l.onReport(stats));
      }
      if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
        checkpoint(start);
      }
    }
    if (step == settings.steps() && (lastCheckpoint == null || lastCheckpoint.step() != step)) {
      checkpoint(start);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    elapsedBefore += seconds;
    TrainingResult result = new TrainingResult(first, step, seconds, losses, last);
    listeners.forEach(l -> l.onTrainingEnd(result));
    return result;
  }

  /** Runs training step {@link #step} and advances the counter; traces it when asked. */
  private TrainingStep.Values runStep(RunOptions trace) {
    StepBatches.Batch b = batches.take(step);
    int rows = b.indices().length;
    TrainingStep.Values v;
    if (link == null) {
      v = trainingStep.run(session, b.pixels(), rows, b.oneHot(), step, trace);
    } else {
      v = link.run(b.pixels(), rows, b.oneHot(), step, trace, lastCheckpointName());
    }
    if (!Float.isFinite(v.loss())) {
      diverged = true;
      throw new TrainingDivergedException(
          "step "
              + (step + 1)
              + ": training loss is "
              + v.loss()
              + "; last good checkpoint: "
              + (lastCheckpoint == null ? "none" : lastCheckpoint.dir())
              + " (lower training.adam.learning_rate, or check the input data)");
    }
    step++;
    return v;
  }

  /**
   * Runs the next training step with full tracing, for profiling: a real step (the model trains),
   * whose per-op timings are in the returned metadata's step stats, and the graphs as TensorFlow
   * ran them (after its rewrites) in its partition graphs.
   *
   * @return TensorFlow's run metadata
   */
  public RunMetadata profileStep() {
    var trace =
        RunOptions.newBuilder()
            .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
            .setOutputPartitionGraphs(true)
            .build();
    return runStep(trace).metadata();
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
   * Refuses a state with a NaN or infinite variable: nothing non-finite is checkpointed or
   * exported.
   */
  private void requireFinite() {
    if (diverged || !finiteGuard.allFinite(session)) {
      throw new TrainingDivergedException(
          "step "
              + step
              + ": the weights are not finite, so they are neither checkpointed nor"
              + " exported; last good checkpoint: "
              + (lastCheckpoint == null ? "none" : lastCheckpoint.dir()));
    }
  }

  /**
   * Exports the current weights as a SavedModel (weights only, the model's signatures, manifest in
   * {@code assets.extra/tfvae.json}); see {@link SavedModelExport}.
   *
   * @param dir the SavedModel directory; an earlier export there is replaced atomically
   * @return the manifest written
   * @throws io.tfvae.util.TfvaeException if {@code dir} holds anything an export did not write
   */
  public Manifest export(Path dir) {
    return export(dir, false);
  }

  /**
   * Exports the current weights as a SavedModel, as {@link #export(Path)} does.
   *
   * @param dir the SavedModel directory
   * @param force replace whatever is at {@code dir} (a directory or file of the user's too), not
   *     only an earlier export
   * @return the manifest written
   */
  public Manifest export(Path dir, boolean force) {
    Checkpoints.Checkpoint c = checkpoint();
    Manifest m =
        Manifest.forTraining(
            config.name(),
            config.dataset(),
            config.dynamicBinarization() ? "dynamic" : "none",
            config.validation(),
            config.definition().map(ModelDefinition::toText).orElse(null),
            settings,
            model,
            data.dim(),
            c.step(),
            c.elapsedSeconds(),
            settings.threads());
    m = m.withDataFiles(dataFiles);
    SavedModelExport.export(
        factory,
        c.variablesPrefix(),
        dir,
        m,
        force,
        settings.exportAverage() ? PolyakAverage.SUFFIX : null);
    return m;
  }

  /**
   * The model's own signatures on the training session, with the current weights: evaluate along
   * the way ({@code negativeElbo}, {@code negativeIwae}, {@code sample}, {@code classify}, {@code
   * call} by key).
   *
   * @return the calls
   */
  public SignatureCalls calls() {
    return calls;
  }

  /**
   * The model's weights (not the optimizer's state), by variable name.
   *
   * @return the current values, flattened row-major
   */
  public Map<String, float[]> weights() {
    return ModelVariables.read(session, modelVariables);
  }

  /** {@return names of the quantities reported at each step, in order} */
  public List<String> metricNames() {
    return trainingStep.metricNames();
  }

  /** {@return size of one example} */
  public int dataDim() {
    return data.dim();
  }

  /** {@return steps completed} */
  public long step() {
    return step;
  }

  /** {@return the model being trained} */
  public Model model() {
    return model;
  }

  /** {@return how the model is trained} */
  public TrainingConfig config() {
    return config;
  }

  /** {@return the checkpoint store} */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  private String lastCheckpointName() {
    return lastCheckpoint == null ? "none" : lastCheckpoint.dir().toString();
  }

  /**
   * Closes the session, then the graph; releases the directory's lock; removes a temporary one. As
   * a cluster's chief, first tells the other workers and the parameter servers to stop.
   */
  @Override
  public void close() {
    if (link != null) {
      link.stopCluster();
    }
    batches.close();
    session.close();
    graph.close();
    lock.close();
    if (ownsCheckpointDir) {
      try {
        Checkpoints.deleteTree(checkpoints.dir());
      } catch (IOException e) {
        System.err.println("warning: cannot remove " + checkpoints.dir() + ": " + e.getMessage());
      }
    }
  }
}
