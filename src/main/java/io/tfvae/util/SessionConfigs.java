package io.tfvae.util;

import org.tensorflow.proto.ConfigProto;

/** The one TensorFlow session configuration of the trainer, the exporter and the tools. */
public final class SessionConfigs {
  private SessionConfigs() {}

  /**
   * Intra- and inter-op threads as given (0: the number of available cores), and soft placement, so
   * a graph built for a GPU still runs where there is none.
   *
   * @param threads thread count, or 0
   * @param precision float32, or bfloat16 through oneDNN's rewrite
   * @return the configuration
   */
  public static ConfigProto withThreads(int threads, Precision precision) {
    return precision.apply(withThreads(threads));
  }

  /**
   * Float32 with the given threads; see {@link #withThreads(int, Precision)}.
   *
   * @param threads thread count, or 0
   * @return the configuration
   */
  public static ConfigProto withThreads(int threads) {
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(t)
        .setInterOpParallelismThreads(t)
        .setAllowSoftPlacement(true)
        .build();
  }
}
