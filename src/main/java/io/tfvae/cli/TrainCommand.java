package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import io.tfvae.distributed.ClusterRole;
import io.tfvae.distributed.ClusterSettings;
import io.tfvae.distributed.ClusterSpec;
import io.tfvae.distributed.ParameterServer;
import io.tfvae.export.ExportTarget;
import io.tfvae.export.Manifest;
import io.tfvae.training.ProgressListener;
import io.tfvae.training.ReplicaWorker;
import io.tfvae.training.TensorBoardListener;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainerBuilder;
import io.tfvae.training.TrainingListener;
import io.tfvae.training.TrainingResult;
import io.tfvae.util.OutputPaths;
import io.tfvae.util.StandardOutput;
import io.tfvae.util.TfvaeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tfvae-train}: train a model definition, checkpoint it, and export a SavedModel. */
@Command(
    name = "tfvae-train",
    mixinStandardHelpOptions = true,
    description = "Train a model definition (a .pbtxt file or a preset name) and export it.")
public final class TrainCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "model-defs/*.pbtxt file or preset name (vae)")
  String model;

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description = "override a field, e.g. training.steps=500")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--steps", description = "shortcut for --set training.steps=N")
  Long steps;

  @Option(names = "--seed", description = "shortcut for --set training.seed=N")
  Long seed;

  @Option(names = "--threads", description = "shortcut for --set training.threads=N (0: all cores)")
  Integer threads;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "folder with the MNIST IDX files (or SVHN's .mat files for data.dataset: SVHN); default: download into the cache")
  Path dataDir;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description = "checkpoints; training resumes from the newest one here")
  Path checkpointDir;

  @Option(
      names = "--export",
      paramLabel = "DIR",
      description = "write the trained model as a SavedModel here")
  Path export;

  @Option(
      names = "--force",
      description =
          "let --export replace whatever is at DIR; without it, only an earlier export is replaced")
  boolean force;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @Option(
      names = "--tensorboard",
      paramLabel = "DIR",
      description = "write TensorBoard event files (scalars, sample grids) here")
  Path tensorboard;

  @Option(
      names = "--image-every",
      defaultValue = "1000",
      description = "steps between sample grids in TensorBoard (default ${DEFAULT-VALUE})")
  long imageEvery;

  @Option(
      names = "--cluster",
      paramLabel = "SPEC",
      description =
          "train on a cluster: JSON {\"ps\": [\"host:port\"], \"worker\": [\"host:port\", ...]}"
              + " or the path of a file holding it; every task runs this command with its --job and --task")
  String cluster;

  @Option(names = "--job", description = "this process's job in --cluster: ps or worker")
  String job;

  @Option(names = "--task", description = "this process's index in its job (worker 0 is the chief)")
  Integer task;

  @Option(
      names = "--step-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "cluster: a worker silent this long is reported dead (default ${DEFAULT-VALUE}; must exceed the slowest step)")
  long stepTimeout;

  @Option(
      names = "--startup-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "cluster: how long to wait for the other tasks to start (default ${DEFAULT-VALUE})")
  long startupTimeout;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The cluster settings from the flags, or null when training alone. */
  private ClusterSettings clusterSettings() {
    if (cluster == null) {
      if (job != null || task != null) {
        throw new TfvaeException(
            (job != null ? "--job" : "--task")
                + ": only with --cluster; leave it out to train alone");
      }
      return null;
    }
    if (job == null || task == null) {
      throw new TfvaeException(
          "--cluster: expected --job ps|worker and --task I beside it, got "
              + (job == null ? "no --job" : "no --task"));
    }
    if (stepTimeout <= 0 || startupTimeout <= 0) {
      throw new TfvaeException(
          (stepTimeout <= 0 ? "--step-timeout" : "--startup-timeout")
              + ": expected a number of seconds > 0, got "
              + (stepTimeout <= 0 ? stepTimeout : startupTimeout));
    }
    ClusterRole role = new ClusterRole(ClusterSpec.read(cluster), job, task);
    if (!role.isChief()) {
      String unused =
          export != null
              ? "--export"
              : checkpointDir != null
                  ? "--checkpoint-dir"
                  : tensorboard != null ? "--tensorboard" : null;
      if (unused != null) {
        throw new TfvaeException(
            unused
                + ": only the chief (worker 0) checkpoints, exports and logs; leave it out on "
                + role.describe());
      }
    }
    return new ClusterSettings(
        role, Duration.ofSeconds(stepTimeout), Duration.ofSeconds(startupTimeout));
  }

  /** A parameter server or a worker other than the chief: serve, or run the released steps. */
  private int runNonChief(ModelDefinition def, ClusterSettings settings, PrintWriter out) {
    ClusterRole role = settings.role();
    if (role.isParameterServer()) {
      if (!quiet) {
        System.err.println(role.describe() + ": serving");
      }
      ParameterServer.Ending end = ParameterServer.serve(settings, def.training().threads());
      if (end == ParameterServer.Ending.CHIEF_GONE) {
        throw new TfvaeException(
            role.describe()
                + ": the chief "
                + ClusterRole.describe(role.cluster(), "worker", 0)
                + " went away before saying training was over; stopping");
      }
      out.println(role.describe() + ": training is over");
      return 0;
    }
    ImageSet train = def.data().trainingPart(TrainingFiles.read(def, dataDir).train());
    try (ReplicaWorker w = new ReplicaWorker(def, train, settings)) {
      if (!quiet) {
        System.err.println(role.describe() + ": joined; waiting for the chief's steps");
      }
      long n = w.run();
      out.println(role.describe() + ": ran " + n + " steps");
    }
    return 0;
  }

  /**
   * Finds before training what would fail or destroy the user's files after it: an output that is
   * an input (or holds one), an export target that is not an earlier export, a place that cannot be
   * written.
   */
  private void checkOutputs(TrainingFiles data) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    Path definitionFile = Path.of(model);
    if (java.nio.file.Files.exists(definitionFile)) {
      inputs.put("the model definition", definitionFile);
    }
    for (var f : data.files()) {
      inputs.put("the " + f.role() + " data file", f.path());
      inputs.put("the " + f.role() + " labels file", f.labels());
      inputs.put("the " + f.role() + " factors file", f.factors());
    }
    // Checkpoints and event files go into a directory beside what is there; an export replaces
    // its directory whole, so it must also not be the data's folder or the current one.
    if (tensorboard != null) {
      OutputPaths.requireNotInput("--tensorboard", tensorboard, inputs);
      OutputPaths.requireWritable("--tensorboard", tensorboard, true);
    }
    if (checkpointDir != null) {
      OutputPaths.requireNotInput("--checkpoint-dir", checkpointDir, inputs);
      OutputPaths.requireWritable("--checkpoint-dir", checkpointDir, true);
    }
    if (export != null) {
      inputs.put("--data-dir", dataDir);
      inputs.put("the current directory", Path.of(""));
      inputs.put("--checkpoint-dir", checkpointDir);
      inputs.put("--tensorboard", tensorboard);
      OutputPaths.requireNotInput("--export", export, inputs);
      if (!force) {
        try {
          ExportTarget.requireReplaceable(export);
        } catch (TfvaeException e) {
          throw new TfvaeException("--export " + e.getMessage());
        }
      }
      OutputPaths.requireWritable("--export", export, !force);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (steps != null) {
      all.put("training.steps", steps.toString());
    }
    if (seed != null) {
      all.put("training.seed", seed.toString());
    }
    if (threads != null) {
      all.put("training.threads", threads.toString());
    }
    ModelDefinition def = ModelDefinition.resolve(model).withOverrides(all);
    ClusterSettings clusterSettings = clusterSettings();
    if (clusterSettings != null && !clusterSettings.role().isChief()) {
      return runNonChief(def, clusterSettings, out);
    }
    TrainingFiles data = TrainingFiles.read(def, dataDir);
    checkOutputs(data);
    ImageSet train = def.data().trainingPart(data.train());
    TrainerBuilder b =
        Trainer.builder(def)
            .setTrainingData(train)
            .optDataFiles(data.files())
            .optImageShape(data.imageShape())
            .optCheckpointDir(checkpointDir);
    if (clusterSettings != null) {
      b.optCluster(clusterSettings);
    }
    if (!quiet) {
      b.addListener(new ProgressListener());
      b.addListener(
          new TrainingListener() {
            @Override
            public void onCheckpoint(long step, Path d) {
              long every = def.training().checkpointEvery();
              if (step % (every > 0 ? every : 1) == 0) {
                System.err.println("checkpoint " + d);
              }
            }
          });
    }
    TensorBoardListener board =
        tensorboard == null ? null : new TensorBoardListener(tensorboard, imageEvery);
    if (board != null) {
      b.addListener(board);
    }
    try (board;
        Trainer trainer = b.build()) {
      if (!quiet && trainer.step() > 0) {
        System.err.println("resumed at step " + trainer.step());
      }
      TrainingResult r = trainer.fit();
      if (r.lastStep() == r.firstStep()) {
        out.printf("%s: already trained to step %d, nothing to do%n", def.name(), r.lastStep());
      } else {
        StringBuilder last = new StringBuilder();
        r.metrics()
            .forEach(
                (k, v) -> last.append(' ').append(k).append(' ').append(String.format("%.4g", v)));
        out.printf(
            "trained %s: steps %d, %.1f s this run, last window%s%n",
            def.name(), r.lastStep(), r.seconds(), last);
      }
      if (export != null) {
        trainer.export(export, force);
        out.println("exported " + export + " (" + Manifest.PATH + ")");
      }
    }
    return 0;
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    StandardOutput out = new StandardOutput();
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(out.exitCode("tfvae-train", run(args, out.writer(), err), err));
  }

  /**
   * Runs the command with the given streams (tests call this).
   *
   * @param args command-line arguments
   * @param out results
   * @param err errors
   * @return the exit code: 0, 1 for a user's mistake, 2 for a bad flag
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new TrainCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler(new io.tfvae.util.Errors());
    return cmd.execute(args);
  }
}
