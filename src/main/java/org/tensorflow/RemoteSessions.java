package org.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens a {@link Session} on a {@code grpc://} target: a session of TensorFlow's distributed
 * runtime, whose master places and runs the graph on the cluster's tasks.
 *
 * <p>Why this class lives in package {@code org.tensorflow}: TensorFlow Java 1.0 has no public way
 * to give a session a target, but its C API does ({@code TF_SetTarget} on the session options, then
 * {@code TF_NewSession}), and {@code Session} has a package-private constructor that wraps a native
 * session. This is the only class of the project in TensorFlow's package, and it calls nothing but
 * those two and the exported C API.
 */
public final class RemoteSessions {
  private RemoteSessions() {}

  /**
   * Opens a session on a target.
   *
   * @param graph the graph the session runs (the caller closes it after the session)
   * @param target e.g. {@code grpc://10.0.0.5:2222}, the address of a running {@link Server}
   * @param config the session's configuration
   * @param initializedElsewhere true when another process (the chief) initialises or restores the
   *     variables: this session then never runs the graph's initializers
   * @return the session (the caller closes it)
   */
  public static Session open(
      Graph graph, String target, ConfigProto config, boolean initializedElsewhere) {
    TF_SessionOptions options = TF_NewSessionOptions();
    try (TF_Status status = TF_Status.newStatus()) {
      TF_SetTarget(options, target);
      byte[] bytes = config.toByteArray();
      try (BytePointer b = new BytePointer(bytes)) {
        TF_SetConfig(options, b, bytes.length, status);
      }
      status.throwExceptionIfNotOK();
      TF_Session handle;
      try (Graph.Reference ref = graph.ref()) {
        handle = TF_NewSession(ref.nativeHandle(), options, status);
      }
      status.throwExceptionIfNotOK();
      Session session = new Session(graph, handle);
      if (initializedElsewhere) {
        session.markAllInitializersAsRan();
      }
      return session;
    } finally {
      TF_DeleteSessionOptions(options);
    }
  }
}
