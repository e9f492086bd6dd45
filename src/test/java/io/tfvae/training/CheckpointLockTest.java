package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.testing.FreshJvm;
import io.tfvae.testing.TinyData;
import io.tfvae.util.TfvaeException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One checkpoint directory, one trainer. */
class CheckpointLockTest {
  @TempDir Path tmp;

  private static Trainer trainer(Path dir, long steps) {
    return Trainer.builder(TrainProbe.definition(steps))
        .setTrainingData(TinyData.images(300, 16, 5))
        .optCheckpointDir(dir)
        .build();
  }

  @Test
  void aSecondTrainerOnABusyDirectoryIsRefusedUntilTheFirstCloses() {
    Path dir = tmp.resolve("c");
    try (Trainer first = trainer(dir, 10)) {
      TfvaeException e = assertThrows(TfvaeException.class, () -> trainer(dir, 10));
      assertEquals(
          dir
              + ": another trainer is using this checkpoint directory (process "
              + ProcessHandle.current().pid()
              + "); wait for it to finish, or give --checkpoint-dir another directory",
          e.getMessage());
      first.fit();
    }
    try (Trainer again = trainer(dir, 10)) {
      assertEquals(10, again.step(), "free once the first trainer closed, and it resumes");
    }
  }

  @Test
  void aLiveTrainerInAnotherProcessIsRefusedAndTheLockOfAKilledOneIsTakenOverWithAWarning()
      throws Exception {
    Path dir = tmp.resolve("p");
    Process child =
        FreshJvm.command(TrainProbe.class, dir.toString(), "1000000")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Path lock = dir.resolve(CheckpointLock.FILE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!(Files.exists(lock)
              && Files.readString(lock).trim().equals(String.valueOf(child.pid())))
          && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(child.isAlive(), "the child trains");
      TfvaeException e = assertThrows(TfvaeException.class, () -> trainer(dir, 10));
      assertTrue(
          e.getMessage()
              .contains(
                  "another trainer is using this checkpoint directory (process "
                      + child.pid()
                      + ")"),
          e.getMessage());
      child.destroyForcibly(); // SIGKILL: the child cannot clear its lock file
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(
          String.valueOf(child.pid()),
          Files.readString(lock).trim(),
          "the killed trainer's pid is left behind");
      PrintStream old = System.err;
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
      try (Trainer t = trainer(dir, 10)) {
        assertTrue(t.step() >= 0);
      } finally {
        System.setErr(old);
      }
      assertTrue(
          buf.toString(StandardCharsets.UTF_8)
              .contains(
                  "warning: "
                      + dir
                      + ": taking over the lock of process "
                      + child.pid()
                      + ", which is no longer running"),
          buf.toString(StandardCharsets.UTF_8));
    } finally {
      child.destroyForcibly();
    }
  }
}
