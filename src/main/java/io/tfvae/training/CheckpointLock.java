package io.tfvae.training;

import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One trainer per checkpoint directory: an operating-system lock on {@code DIR/.lock}, which also
 * records the holder's process id. A second trainer on the same directory (in this process or
 * another) is refused with one line naming the holder. The operating system releases the lock of a
 * process that dies, so a lock file left by a killed trainer is taken over, with a warning.
 */
final class CheckpointLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a checkpoint directory, creating the directory if needed.
   *
   * @param dir the checkpoint directory
   * @return the held lock
   * @throws TfvaeException if another live trainer holds it
   */
  static CheckpointLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another trainer of this process
      }
      String previous = readHolder(channel);
      if (lock == null) {
        channel.close();
        throw new TfvaeException(
            dir
                + ": another trainer is using this checkpoint directory"
                + (previous.isEmpty() ? "" : " (process " + previous + ")")
                + "; wait for it to finish, or give --checkpoint-dir another directory");
      }
      if (!previous.isEmpty()) {
        System.err.println(
            "warning: "
                + dir
                + ": taking over the lock of process "
                + previous
                + ", which is no longer running");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new CheckpointLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException(
          dir + ": cannot lock the checkpoint directory: " + e.getMessage(), e);
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one reported.
      }
    }
  }

  /** Clears the holder, then releases the lock; the empty lock file stays. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      System.err.println("warning: " + file + ": cannot release the lock: " + e.getMessage());
    }
  }
}
