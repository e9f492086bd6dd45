package io.tfvae.distributed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.tfvae.util.TfvaeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;

/**
 * The addresses of a cluster's tasks, in the JSON form of TensorFlow's {@code TF_CONFIG} cluster:
 * {@code {"ps": ["host:port", ...], "worker": ["host:port", ...]}}. Worker 0 is the chief.
 *
 * @param ps the parameter-server tasks' addresses
 * @param workers the worker tasks' addresses
 */
public record ClusterSpec(List<String> ps, List<String> workers) {
  /** The job of the parameter servers. */
  public static final String PS = "ps";

  /** The job of the workers. */
  public static final String WORKER = "worker";

  /**
   * Copies the lists.
   *
   * @param ps the parameter-server tasks' addresses
   * @param workers the worker tasks' addresses
   */
  public ClusterSpec {
    ps = List.copyOf(ps);
    workers = List.copyOf(workers);
  }

  /**
   * Reads a specification given inline (starting with '{') or as the path of a JSON file.
   *
   * @param arg the JSON text or a file's path
   * @return the specification
   * @throws TfvaeException with a one-line message when it cannot be read or is malformed
   */
  public static ClusterSpec read(String arg) {
    if (arg.strip().startsWith("{")) {
      return parse(arg, "--cluster");
    }
    try {
      return parse(io.tfvae.util.TextFiles.readUtf8(Path.of(arg)), arg);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new TfvaeException(
          arg + ": cluster specification file not found (give a JSON file, or the JSON itself)");
    } catch (IOException e) {
      throw new TfvaeException(
          arg
              + ": cannot read the cluster specification ("
              + io.tfvae.util.Messages.describe(e)
              + ")");
    }
  }

  /**
   * Parses the JSON form.
   *
   * @param json the text
   * @param source where it came from, for messages
   * @return the specification
   */
  public static ClusterSpec parse(String json, String source) {
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        throw new TfvaeException(
            source
                + ": expected a JSON object {\"ps\": [...], \"worker\": [...]}, got "
                + (e.isJsonNull() ? "nothing" : e.toString()));
      }
      o = e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new TfvaeException(
          source
              + ": expected JSON {\"ps\": [...], \"worker\": [...]}, got "
              + io.tfvae.util.Messages.describe(e));
    }
    for (String key : o.keySet()) {
      if (!key.equals(PS) && !key.equals(WORKER)) {
        throw new TfvaeException(
            source + ": expected the jobs \"ps\" and \"worker\", got a job \"" + key + "\"");
      }
    }
    return new ClusterSpec(addresses(o, PS, source), addresses(o, WORKER, source));
  }

  private static List<String> addresses(JsonObject o, String job, String source) {
    if (!o.has(job) || !o.get(job).isJsonArray() || o.getAsJsonArray(job).isEmpty()) {
      throw new TfvaeException(
          source
              + ": "
              + job
              + ": expected a list of at least one \"host:port\", got "
              + o.get(job));
    }
    List<String> out = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray(job)) {
      String a = e.isJsonPrimitive() ? e.getAsString() : "";
      int colon = a.lastIndexOf(':');
      boolean ok = colon > 0;
      if (ok) {
        try {
          int port = Integer.parseInt(a.substring(colon + 1));
          ok = port > 0 && port < 65536;
        } catch (NumberFormatException ex) {
          ok = false;
        }
      }
      if (!ok) {
        throw new TfvaeException(
            source + ": " + job + ": expected \"host:port\" addresses, got " + e);
      }
      if (out.contains(a)) {
        throw new TfvaeException(source + ": " + job + ": address " + a + " is listed twice");
      }
      out.add(a);
    }
    return out;
  }

  /** {@return the cluster as TensorFlow's {@code ClusterDef}} */
  public ClusterDef toProto() {
    JobDef.Builder p = JobDef.newBuilder().setName(PS);
    for (int i = 0; i < ps.size(); i++) {
      p.putTasks(i, ps.get(i));
    }
    JobDef.Builder w = JobDef.newBuilder().setName(WORKER);
    for (int i = 0; i < workers.size(); i++) {
      w.putTasks(i, workers.get(i));
    }
    return ClusterDef.newBuilder().addJob(p).addJob(w).build();
  }

  /** {@return the JSON form, as {@link #parse} reads it} */
  public String toJson() {
    var g = new com.google.gson.Gson();
    return "{\"ps\": " + g.toJson(ps) + ", \"worker\": " + g.toJson(workers) + "}";
  }
}
