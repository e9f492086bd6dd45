package io.tfvae.cli;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.Datasets;
import io.tfvae.data.ImageSet;
import io.tfvae.export.Manifest;
import io.tfvae.training.ProgressListener;
import io.tfvae.training.TensorBoardListener;
import io.tfvae.training.Trainer;
import io.tfvae.training.TrainerBuilder;
import io.tfvae.training.TrainingListener;
import io.tfvae.training.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
    ImageSet train = Datasets.named(def.data().dataset().name()).train(dataDir);
    TrainerBuilder b = Trainer.builder(def).setTrainingData(train).optCheckpointDir(checkpointDir);
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
        trainer.export(export);
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
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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
