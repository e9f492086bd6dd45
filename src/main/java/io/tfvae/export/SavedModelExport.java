package io.tfvae.export;

import io.tfvae.models.ModelFactory;
import io.tfvae.nn.Parameters;
import io.tfvae.util.AtomicFiles;
import io.tfvae.util.FileDigests;
import io.tfvae.util.SessionConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Writes a SavedModel that holds the model's weights only (no optimizer slots) and the signatures
 * of the contract.
 *
 * <p>The inference graph is built afresh by the same model code with restore-only variables of the
 * same names as the training graph's, filled from a training checkpoint; optimizer slots in the
 * checkpoint are simply not read. The SavedModel is written to a temporary sibling directory and
 * renamed into place; an existing directory is replaced only once the new one is complete.
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
   */
  public static void export(
      ModelFactory factory, String checkpointPrefix, Path dir, Manifest manifest) {
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    try {
      Files.createDirectories(parent);
      Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
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
      AtomicFiles.replaceDirectory(tmp, abs);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot export SavedModel: " + e.getMessage(), e);
    }
  }
}
