package io.tfvae.training;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.tfvae.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Checkpoints in a directory: {@code ckpt-000001000/} holds {@code variables.index}, {@code
 * variables.data-*} (every variable of the training graph, optimizer slots included) and {@code
 * state.json} (the step, what the checkpoint belongs to ({@link CheckpointIdentity}), elapsed
 * time).
 *
 * <p>A checkpoint is written into a hidden temporary directory and renamed into place, so a crash
 * leaves either the old set or the new one, never a half-written checkpoint under a real name. The
 * newest {@code keep} are kept.
 */
public final class Checkpoints {
  private static final String PREFIX = "ckpt-";
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
    /** The prefix to pass to {@code Session.restore}. */
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

  /** The directory. */
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
    try {
      Files.createDirectories(dir);
      String name = String.format("%s%09d", PREFIX, step);
      Path tmp = Files.createTempDirectory(dir, "." + name + ".tmp-");
      session.save(tmp.resolve("variables").toString());
      State s = new State();
      s.step = step;
      s.definition = identity.definition();
      s.model = identity.model();
      s.variables = identity.variables();
      s.elapsedSeconds = elapsedSeconds;
      Files.writeString(tmp.resolve("state.json"), GSON.toJson(s), StandardCharsets.UTF_8);
      Path target = dir.resolve(name);
      AtomicFiles.replaceDirectory(tmp, target);
      prune();
      return new Checkpoint(target, step, identity, elapsedSeconds);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot write checkpoint: " + e.getMessage(), e);
    }
  }

  /**
   * The complete checkpoints, newest first. Directories without a readable state or variable index
   * are skipped with a warning on stderr.
   *
   * @return the checkpoints
   */
  public List<Checkpoint> list() {
    List<Checkpoint> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    for (Path p : candidates()) {
      try {
        State s =
            GSON.fromJson(
                Files.readString(p.resolve("state.json"), StandardCharsets.UTF_8), State.class);
        if (s == null || s.definition == null || !Files.exists(p.resolve("variables.index"))) {
          throw new JsonParseException("incomplete");
        }
        out.add(
            new Checkpoint(
                p,
                s.step,
                new CheckpointIdentity(s.definition, s.model, s.variables),
                s.elapsedSeconds));
      } catch (IOException | JsonParseException e) {
        System.err.println(
            "warning: " + p + ": unreadable checkpoint, skipped (" + e.getMessage() + ")");
      }
    }
    return out;
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
    List<Checkpoint> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
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
