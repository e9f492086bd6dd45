package io.tfvae.export;

import io.tfvae.models.ModelFactory;
import io.tfvae.nn.Parameters;
import io.tfvae.util.AtomicFiles;
import io.tfvae.util.FileDigests;
import io.tfvae.util.Messages;
import io.tfvae.util.SessionConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;

/**
 * Writes a SavedModel that holds the model's weights only (no optimizer slots) and the signatures
 * of the contract.
 *
 * <p>The inference graph is built afresh by the same model code with restore-only variables of the
 * same names as the training graph's, filled from a training checkpoint; optimizer slots in the
 * checkpoint are simply not read. The SavedModel is written to a temporary sibling directory and
 * renamed into place; an existing directory is replaced only once the new one is complete, and only
 * when it is an earlier export ({@link ExportTarget}). A failed export removes its temporary, and
 * one left by a killed process is removed by the next export to the same place.
 */
public final class SavedModelExport {
  private SavedModelExport() {}

  /**
   * Exports a model.
   *
   * @param factory builds the model (the trainer's own factory)
   * @param checkpointPrefix the variables prefix of a training checkpoint
   * @param dir the SavedModel directory to write
   * @param manifest the manifest to include
   * @param force replace whatever is at {@code dir}, not only an earlier export
   * @throws io.tfvae.util.TfvaeException if {@code dir} holds something else and force is false
   */
  public static void export(
      ModelFactory factory, String checkpointPrefix, Path dir, Manifest manifest, boolean force) {
    export(factory, checkpointPrefix, dir, manifest, force, null);
  }

  /**
   * Exports a model, its variables read from the checkpoint under their own names or, with a
   * suffix, from their averages ({@code w-polyak}): these are first written under the variables'
   * names to a temporary checkpoint beside the target, removed afterwards.
   *
   * @param factory builds the model
   * @param checkpointPrefix the variables prefix of a training checkpoint
   * @param dir the SavedModel directory to write
   * @param manifest the manifest to include
   * @param force replace whatever is at {@code dir}
   * @param averageSuffix null for the weights themselves, else the suffix of their averages' names
   */
  public static void export(
      ModelFactory factory,
      String checkpointPrefix,
      Path dir,
      Manifest manifest,
      boolean force,
      String averageSuffix) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!force) {
      ExportTarget.requireReplaceable(abs);
    }
    Path parent = abs.getParent();
    if (parent == null) {
      throw new io.tfvae.util.TfvaeException(dir + ": cannot export to the root directory");
    }
    Path tmp = null;
    Path averages = null;
    try {
      Files.createDirectories(parent);
      removeStaleTemporaries(abs);
      tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
      String prefix = checkpointPrefix;
      if (averageSuffix != null) {
        averages = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-avg-");
        prefix = renamed(factory, checkpointPrefix, averageSuffix, averages);
      }
      write(factory, prefix, tmp, manifest);
      AtomicFiles.replaceDirectory(tmp, abs);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot export SavedModel: " + Messages.reason(e), e);
    } catch (TensorFlowException e) {
      throw new UncheckedIOException(
          dir + ": cannot export SavedModel: " + Messages.nativeReason(e),
          new IOException(e.getMessage(), e));
    } finally {
      if (averages != null) {
        try {
          AtomicFiles.deleteTree(averages);
        } catch (IOException e) {
          System.err.println("warning: cannot remove " + averages + ": " + e.getMessage());
        }
      }
      if (tmp != null) {
        try {
          AtomicFiles.deleteTree(tmp);
        } catch (IOException e) {
          System.err.println("warning: cannot remove " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  /** Fills a directory with the SavedModel and its manifest. */
  private static void write(
      ModelFactory factory, String checkpointPrefix, Path tmp, Manifest manifest)
      throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Signature[] sigs =
          factory.create(Parameters.restored(tf)).signatures(tf).toArray(new Signature[0]);
      try (Session s = new Session(g, SessionConfigs.withThreads(0))) {
        s.restore(checkpointPrefix);
        // The exporter wants a directory it can fill; it creates variables/ itself.
        SavedModelBundle.exporter(tmp.toString()).withSession(s).withSignatures(sigs).export();
      }
    }
    Path manifestFile = tmp.resolve(Manifest.PATH);
    Files.createDirectories(manifestFile.getParent());
    Manifest withFiles =
        manifest.withFiles(FileDigests.of(tmp, name -> !name.startsWith("assets.extra/")));
    Files.writeString(manifestFile, withFiles.toJson() + "\n", StandardCharsets.UTF_8);
  }

  /**
   * A checkpoint holding, under each model variable's name w, the training checkpoint's tensor
   * {@code w + suffix}: the model's variables are listed by building it into a scratch graph.
   *
   * @return the new checkpoint's variables prefix
   */
  private static String renamed(
      ModelFactory factory, String checkpointPrefix, String suffix, Path into) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      factory.create(Parameters.restored(tf));
      java.util.List<org.tensorflow.GraphOperation> variables = new java.util.ArrayList<>();
      g.operations()
          .forEachRemaining(
              op -> {
                if (op.type().equals("VariableV2")) {
                  variables.add(op);
                }
              });
      String[] names = variables.stream().map(v -> v.name() + suffix).toArray(String[]::new);
      String[] slices = new String[names.length];
      java.util.Arrays.fill(slices, "");
      var restored =
          tf.train.restore(
              tf.constant(checkpointPrefix),
              tf.constant(StandardCharsets.UTF_8, names),
              tf.constant(StandardCharsets.UTF_8, slices),
              new java.util.ArrayList<Class<? extends org.tensorflow.types.family.TType>>(
                  java.util.Collections.nCopies(
                      names.length, org.tensorflow.types.TFloat32.class)));
      try (Session s = new Session(g, SessionConfigs.withThreads(0))) {
        var runner = s.runner();
        for (int i = 0; i < variables.size(); i++) {
          @SuppressWarnings("unchecked")
          org.tensorflow.Operand<org.tensorflow.types.TFloat32> v =
              (org.tensorflow.Operand<org.tensorflow.types.TFloat32>)
                  (org.tensorflow.Operand<?>) variables.get(i).output(0);
          @SuppressWarnings("unchecked")
          org.tensorflow.Operand<org.tensorflow.types.TFloat32> value =
              (org.tensorflow.Operand<org.tensorflow.types.TFloat32>)
                  (org.tensorflow.Operand<?>) restored.tensors().get(i);
          runner.addTarget(tf.assign(v, value));
        }
        runner.run().close();
        String prefix = into.resolve("variables").toString();
        s.save(prefix);
        return prefix;
      }
    }
  }

  /**
   * Removes what an export killed half-way left beside its target: {@code .NAME.tmp-*} (being
   * written) and {@code .NAME.old-*} (an earlier export set aside).
   */
  private static void removeStaleTemporaries(Path target) throws IOException {
    String prefix = "." + target.getFileName();
    try (Stream<Path> s = Files.list(target.getParent())) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix + ".tmp-") || n.startsWith(prefix + ".old-")) {
          System.err.println("note: removing " + p + ", left by an interrupted export");
          AtomicFiles.deleteTree(p);
        }
      }
    }
  }
}
