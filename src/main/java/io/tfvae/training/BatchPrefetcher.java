package io.tfvae.training;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the next step's batch on a thread of its own while TensorFlow runs the current step: the
 * gather, the scaling and the host binarization ({@link StepBatches}) then cost a step no time
 * where a core is idle. A batch depends only on its step, so what is trained is the same whether it
 * came from here or not; every {@link StepBatches} call runs on that one thread, so its epoch cache
 * needs no lock.
 */
final class BatchPrefetcher implements AutoCloseable {
  private final StepBatches batches;
  private final long steps;
  private final ExecutorService thread;
  private Future<StepBatches.Batch> pending;
  private long pendingStep = -1;

  /**
   * @param batches the step's batches
   * @param steps {@code training.steps}: no batch is prepared for a step at or after it
   */
  BatchPrefetcher(StepBatches batches, long steps) {
    this.batches = batches;
    this.steps = steps;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "tfvae-batches");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Step t's batch, prepared ahead when t followed the step taken last; starts on step t + 1.
   *
   * @param step t
   * @return step t's batch
   */
  StepBatches.Batch take(long step) {
    Future<StepBatches.Batch> ready =
        pending != null && pendingStep == step ? pending : thread.submit(() -> batches.batch(step));
    long next = step + 1;
    pending = next < steps ? thread.submit(() -> batches.batch(next)) : null;
    pendingStep = next;
    return await(ready);
  }

  private static StepBatches.Batch await(Future<StepBatches.Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a batch");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
