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
  private final ExecutorService thread;
  private Future<StepBatches.Batch> pending;
  private long pendingStep = -1;

  BatchPrefetcher(StepBatches batches, String name) {
    this.batches = batches;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Step t's batch, prepared ahead when t was the step announced last; starts on the next one.
   *
   * @param step t
   * @param next the step to prepare next, or -1 for none
   * @return step t's batch
   */
  StepBatches.Batch take(long step, long next) {
    Future<StepBatches.Batch> ready =
        pending != null && pendingStep == step ? pending : thread.submit(() -> batches.batch(step));
    pending = next >= 0 ? thread.submit(() -> batches.batch(next)) : null;
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
