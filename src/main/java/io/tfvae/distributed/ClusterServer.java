package io.tfvae.distributed;

import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.RemoteSessions;
import org.tensorflow.Server;
import org.tensorflow.Session;

/**
 * Starts this process's gRPC server and opens sessions on it.
 *
 * <p>TensorFlow Java 1.0 cannot stop a server ({@code Server.stop} answers "Clean shutdown is not
 * currently implemented"), so a server lives as long as its process: cluster processes end by
 * exiting.
 */
public final class ClusterServer {
  private ClusterServer() {}

  /**
   * Starts the server of a task.
   *
   * @param role the task
   * @param threads TensorFlow threads (0: all cores)
   * @return the running server (never stopped; see the class comment)
   */
  public static Server start(ClusterRole role, int threads) {
    try {
      Server server = new Server(role.serverDef(threads));
      server.start();
      return server;
    } catch (RuntimeException e) {
      throw new TfvaeException(
          role.describe()
              + ": cannot start the server ("
              + io.tfvae.util.Messages.firstLine(e.getMessage())
              + "); is the port in use?");
    }
  }

  /**
   * Starts this task's server, waits until the parameter servers accept connections, and opens a
   * session on this task's target.
   *
   * @param graph the graph
   * @param settings the cluster settings
   * @param threads TensorFlow threads
   * @param precision the session's arithmetic
   * @return the session
   */
  public static Session openSession(
      Graph graph, ClusterSettings settings, int threads, io.tfvae.util.Precision precision) {
    ClusterRole role = settings.role();
    start(role, threads);
    List<String> ps = role.cluster().ps();
    for (int i = 0; i < ps.size(); i++) {
      awaitReachable(
          ps.get(i), settings.startupTimeout(), ClusterRole.describe("ps", i, ps.get(i)));
    }
    return RemoteSessions.open(
        graph,
        role.target(),
        precision.apply(role.sessionConfig(threads, settings.stepTimeout().toMillis())),
        !role.isChief());
  }

  /**
   * Waits until a TCP connection to an address succeeds.
   *
   * @param address host:port
   * @param timeout the bound
   * @param who the task, for the message
   * @throws TfvaeException naming the task when the bound passes
   */
  public static void awaitReachable(String address, Duration timeout, String who) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reachable(address)) {
      if (System.nanoTime() > deadline) {
        throw new TfvaeException(
            who + ": not reachable after " + timeout.toSeconds() + " s; is its process running?");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TfvaeException(who + ": interrupted while waiting for it");
      }
    }
  }

  /**
   * Whether a TCP connection to an address succeeds within one second.
   *
   * @param address host:port
   * @return whether it does
   */
  public static boolean reachable(String address) {
    int colon = address.lastIndexOf(':');
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
