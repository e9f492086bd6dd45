package io.tfvae.testing;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** A graph and session for one test, closed in reverse order of creation. */
public final class TestSession implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  private Session session;

  public Session session() {
    if (session == null) {
      session = new Session(graph);
    }
    return session;
  }

  public Operand<TFloat64> f64(double[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public Operand<TFloat32> f32(float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public double[] evalF64(Operand<TFloat64> t) {
    try (Result r = session().runner().fetch(t).run()) {
      TFloat64 v = (TFloat64) r.get(0);
      double[] out = new double[(int) v.shape().size()];
      v.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  public float[] evalF32(Operand<TFloat32> t) {
    try (Result r = session().runner().fetch(t).run()) {
      TFloat32 v = (TFloat32) r.get(0);
      float[] out = new float[(int) v.shape().size()];
      v.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  public List<float[]> evalF32(List<Operand<TFloat32>> ts) {
    var runner = session().runner();
    ts.forEach(runner::fetch);
    try (Result r = runner.run()) {
      List<float[]> out = new java.util.ArrayList<>();
      for (int i = 0; i < ts.size(); i++) {
        TFloat32 v = (TFloat32) r.get(i);
        float[] a = new float[(int) v.shape().size()];
        v.copyTo(DataBuffers.of(a, false, false));
        out.add(a);
      }
      return out;
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
