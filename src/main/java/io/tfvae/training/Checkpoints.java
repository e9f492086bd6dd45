package io.tfvae.training;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.tfvae.util.AtomicFiles;
import io.tfvae.util.FileDigests;
import io.tfvae.util.Messages;
import io.tfvae.util.TextFiles;
import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Checkpoints in a directory: {@code ckpt-000001000/} holds {@code variables.index}, {@code
 * variables.data-*} (every variable of the training graph, optimizer slots included) and {@code
 * state.json} (the step, what the checkpoint belongs to ({@link CheckpointIdentity}), elapsed time,
 * the SHA-256 of each variables file and a checksum of itself).
 *
 * <p>A checkpoint is written into a hidden temporary directory and renamed into place, so a crash
 * leaves either the old set or the new one, never a half-written checkpoint under a real name. The
 * newest {@code keep} are kept. So a checkpoint that does not read back, or whose files differ from
 * their recorded digests, was damaged after it was written: that is an error naming the file, never
 * a silent start from an older checkpoint or from scratch.
 */
public final class Checkpoints {
  private static final String PREFIX = "ckpt-";
  private static final String STATE = "state.json";
  private static final Gson GSON = new Gson();

  private final Path dir;
  private final int keep;

  /**
   * A saved training state.
   *
   * @param dir its directory
   * @param step steps completed
   * @param identity what it belongs to
   * @param elapsedSeconds training time up to this step
   */
  public record Checkpoint(
      Path dir, long step, CheckpointIdentity identity, double elapsedSeconds) {
    /** {@return the prefix to pass to {@code Session.restore}} */
    public String variablesPrefix() {
      return dir.resolve("variables").toString();
    }
  }

  private static final class State {
    long step;
    String definition;
    List<String> model;
    java.util.Map<String, List<Long>> variables;
    double elapsedSeconds;
    java.util.Map<String, String> files;
    String checksum;
  }

  /**
   * @param dir the checkpoint directory (created on first write)
   * @param keep how many of the newest checkpoints to keep, at least 1
   */
  public Checkpoints(Path dir, int keep) {
    this.dir = dir;
    this.keep = Math.max(1, keep);
  }

  /** A fresh temporary checkpoint directory, for a trainer given none. */
  static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("tfvae-checkpoints-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the directory} */
  public Path dir() {
    return dir;
  }

  /**
   * Saves the session's variables and the state atomically.
   *
   * @param session the training session
   * @param step steps completed
   * @param identity what the checkpoint belongs to
   * @param elapsedSeconds training time so far
   * @return the checkpoint
   */
  public Checkpoint write(
      Session session, long step, CheckpointIdentity identity, double elapsedSeconds) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      String name = String.format("%s%09d", PREFIX, step);
      tmp = Files.createTempDirectory(dir, "." + name + ".tmp-");
      session.save(tmp.resolve("variables").toString());
      State s = new State();
      s.step = step;
      s.definition = identity.definition();
      s.model = identity.model();
      s.variables = identity.variables();
      s.elapsedSeconds = elapsedSeconds;
      s.files = FileDigests.of(tmp, file -> file.startsWith("variables."));
      s.checksum = FileDigests.sha256(GSON.toJson(s));
      Files.writeString(tmp.resolve(STATE), GSON.toJson(s), StandardCharsets.UTF_8);
      Path target = dir.resolve(name);
      AtomicFiles.replaceDirectory(tmp, target);
      tmp = null;
      prune();
      return new Checkpoint(target, step, identity, elapsedSeconds);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot write checkpoint: " + Messages.reason(e), e);
    } catch (TensorFlowException e) {
      throw new UncheckedIOException(
          dir + ": cannot write checkpoint: " + Messages.nativeReason(e),
          new IOException(e.getMessage(), e));
    } finally {
      if (tmp != null) {
        try {
          deleteTree(tmp);
        } catch (IOException e) {
          System.err.println("warning: cannot remove " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  /**
   * The checkpoints, newest first.
   *
   * @return the checkpoints
   * @throws TfvaeException naming the file when a checkpoint's state is unreadable or its variables
   *     files differ from their recorded digests
   */
  public List<Checkpoint> list() {
    List<Checkpoint> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (Path p : candidates()) {
      read(p).ifPresent(out::add);
    }
    return out;
  }

  /** One checkpoint, verified; empty when it vanished while being read. */
  private Optional<Checkpoint> read(Path p) {
    Path state = p.resolve(STATE);
    State s;
    try {
      s = GSON.fromJson(TextFiles.readUtf8(state), State.class);
    } catch (NoSuchFileException e) {
      if (!Files.exists(p)) {
        return Optional.empty(); // pruned by a trainer writing here while we listed
      }
      throw corrupt(p, state + ": missing");
    } catch (IOException | JsonParseException e) {
      throw corrupt(p, state + ": " + Messages.describe(e));
    }
    if (s == null || s.definition == null) {
      throw corrupt(p, state + ": not a checkpoint state (no model definition)");
    }
    if (s.checksum != null) {
      String recorded = s.checksum;
      s.checksum = null;
      if (!recorded.equals(FileDigests.sha256(GSON.toJson(s)))) {
        throw corrupt(p, state + ": its checksum does not match its content");
      }
    }
    if (s.files != null) {
      try {
        FileDigests.verify(p, s.files, "checkpointed");
      } catch (TfvaeException e) {
        throw corrupt(p, e.getMessage());
      }
    } else if (!Files.exists(p.resolve("variables.index"))) {
      throw corrupt(p, p.resolve("variables.index") + ": missing");
    }
    return Optional.of(
        new Checkpoint(
            p,
            s.step,
            new CheckpointIdentity(s.definition, s.model, s.variables),
            s.elapsedSeconds));
  }

  /** A damaged checkpoint: what is wrong, and how to go on without losing anything. */
  static TfvaeException corrupt(Path checkpoint, String what) {
    return new TfvaeException(
        what
            + "; the checkpoint is damaged: move "
            + checkpoint
            + " aside to resume from the one before it, or use another checkpoint directory");
  }

  /**
   * Deletes the temporary directories of writes that never finished: a crash between creating
   * {@code .ckpt-<step>.tmp-*} and renaming it, or while a replaced checkpoint was set aside as
   * {@code .ckpt-<step>.old-*}.
   */
  public void removeStaleTemporaries() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          s.filter(p -> p.getFileName().toString().matches("\\.ckpt-\\d+\\.(tmp|old)-.*"))
              .toList()) {
        System.err.println("note: removing " + p + ", left by an interrupted checkpoint write");
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          dir + ": cannot clean checkpoint temporaries: " + e.getMessage(), e);
    }
  }

  /**
   * The newest complete checkpoint.
   *
   * @return it, or empty
   */
  public Optional<Checkpoint> latest() {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    for (Path p : candidates()) {
      Optional<Checkpoint> c = read(p);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private List<Path> candidates() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list checkpoints: " + e.getMessage(), e);
    }
  }

  private void prune() throws IOException {
    List<Path> all = candidates();
    for (int i = keep; i < all.size(); i++) {
      deleteTree(all.get(i));
    }
  }

  static void deleteTree(Path p) throws IOException {
    AtomicFiles.deleteTree(p);
  }
}
