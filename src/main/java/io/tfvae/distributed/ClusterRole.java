package io.tfvae.distributed;

import io.tfvae.util.SessionConfigs;
import io.tfvae.util.TfvaeException;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.ServerDef;

/**
 * One process's place in a cluster: its job ({@code ps} or {@code worker}) and task index.
 *
 * @param cluster the cluster
 * @param job {@link ClusterSpec#PS} or {@link ClusterSpec#WORKER}
 * @param task the index within the job
 */
public record ClusterRole(ClusterSpec cluster, String job, int task) {
  /**
   * Checks the job and the index against the cluster.
   *
   * @param cluster the cluster
   * @param job ps or worker
   * @param task the index within the job
   */
  public ClusterRole {
    if (!job.equals(ClusterSpec.PS) && !job.equals(ClusterSpec.WORKER)) {
      throw new TfvaeException("--job: expected ps or worker, got " + job);
    }
    int size = job.equals(ClusterSpec.PS) ? cluster.ps().size() : cluster.workers().size();
    if (task < 0 || task >= size) {
      throw new TfvaeException(
          "--task: expected 0 to "
              + (size - 1)
              + " (the cluster's "
              + job
              + " tasks), got "
              + task);
    }
  }

  /** {@return whether this is worker 0, which initialises, checkpoints and exports} */
  public boolean isChief() {
    return job.equals(ClusterSpec.WORKER) && task == 0;
  }

  /** {@return whether this is a parameter server} */
  public boolean isParameterServer() {
    return job.equals(ClusterSpec.PS);
  }

  /** {@return the number of workers, N: each step's batch is split N ways} */
  public int workers() {
    return cluster.workers().size();
  }

  /** {@return this task's address} */
  public String address() {
    return job.equals(ClusterSpec.PS) ? cluster.ps().get(task) : cluster.workers().get(task);
  }

  /** {@return the target of a session on this task's server} */
  public String target() {
    return "grpc://" + address();
  }

  /** {@return A readable name, {@code worker:1 (10.0.0.6:2222)}} */
  public String describe() {
    return describe(job, task, address());
  }

  static String describe(String job, int task, String address) {
    return job + ":" + task + " (" + address + ")";
  }

  /**
   * A task of a cluster by name, {@code ps:0 (10.0.0.5:2222)}.
   *
   * @param cluster the cluster
   * @param job the job
   * @param task the index
   * @return the name
   */
  public static String describe(ClusterSpec cluster, String job, int task) {
    String address =
        job.equals(ClusterSpec.PS) ? cluster.ps().get(task) : cluster.workers().get(task);
    return describe(job, task, address);
  }

  /**
   * Where each variable lives: on parameter server {@code nameKey(name) mod P}, a function of the
   * name alone, so every worker's graph places it alike.
   *
   * @return the placement
   */
  public java.util.function.Function<String, DeviceSpec> placement() {
    int count = cluster.ps().size();
    return name ->
        psDevice((int) Math.floorMod(io.tfvae.nn.Parameters.nameKey(name), (long) count));
  }

  /**
   * {@return the device of parameter server i}
   *
   * @param i the task index
   */
  public static DeviceSpec psDevice(int i) {
    return DeviceSpec.newBuilder().job(ClusterSpec.PS).task(i).build();
  }

  /**
   * {@return the device of worker i}
   *
   * @param i the task index
   */
  public static DeviceSpec workerDevice(int i) {
    return DeviceSpec.newBuilder().job(ClusterSpec.WORKER).task(i).build();
  }

  /**
   * This task's server definition.
   *
   * @param threads TensorFlow threads of this task (0: all cores)
   * @return the definition
   */
  public ServerDef serverDef(int threads) {
    return ServerDef.newBuilder()
        .setCluster(cluster.toProto())
        .setJobName(job)
        .setTaskIndex(task)
        .setProtocol("grpc")
        .setDefaultSessionConfig(SessionConfigs.withThreads(threads))
        .build();
  }

  /**
   * The configuration of this worker's session: its threads, and device filters so the session
   * needs only the parameter servers and this worker (a worker never waits for another to start).
   *
   * @param threads TensorFlow threads (0: all cores)
   * @param timeoutMillis the bound on every call of the session
   * @return the configuration
   */
  public ConfigProto sessionConfig(int threads, long timeoutMillis) {
    return SessionConfigs.withThreads(threads).toBuilder()
        .addDeviceFilters("/job:" + ClusterSpec.PS)
        .addDeviceFilters("/job:" + job + "/task:" + task)
        .setOperationTimeoutInMs(timeoutMillis)
        .build();
  }
}
