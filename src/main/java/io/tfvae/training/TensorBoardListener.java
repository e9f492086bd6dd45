package io.tfvae.training;

import io.tfvae.models.Signatures;
import io.tfvae.util.ImageGrid;
import io.tfvae.util.Messages;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.op.summary.WriteImageSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops: the scalars {@link #scalarTags}
 * (the model's metrics, then {@code loss} and {@code steps_per_second}) at every report, and, for a
 * model with a {@code sample} signature, an image {@code samples/image} (an 8 × 8 grid of decoder
 * means of prior samples) every {@code imageEvery} steps. The summary ops live in a small graph of
 * their own, so the training graph and the exported SavedModel hold none of them.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {
  private List<String> tags;
  private static final int GRID = 8;

  private final Path logDir;
  private final long imageEvery;
  private Trainer trainer;
  private Graph graph;
  private Session session;
  private Placeholder<TInt64> step;
  private Placeholder<TFloat32> values;
  private Placeholder<TUint8> image;
  private Op writeScalars;
  private Op writeImage;
  private Op flush;
  private long lastImageStep = -1;

  /**
   * @param logDir the run's log directory (point {@code tensorboard --logdir} at it or its parent)
   * @param imageEvery steps between sample grids (0: none)
   */
  public TensorBoardListener(Path logDir, long imageEvery) {
    this.logDir = logDir;
    this.imageEvery = imageEvery;
  }

  @Override
  public void onAttach(Trainer trainer) {
    this.trainer = trainer;
  }

  @Override
  public void onTrainingBegin(long startStep, long totalSteps) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    Operand<?> writer = tf.summary.summaryWriter(SummaryWriter.sharedName("tfvae"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tags = scalarTags(trainer);
    values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(tags.size())));
    List<Op> writes = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      writes.add(
          tf.summary.writeScalarSummary(
              writer,
              step,
              tf.constant(tags.get(i)),
              tf.gather(values, tf.constant(i), tf.constant(0))));
    }
    writeScalars = tf.withControlDependencies(writes).noOp();
    image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(1, -1, -1, -1)));
    writeImage =
        tf.summary.writeImageSummary(
            writer,
            step,
            tf.constant("samples"),
            image,
            tf.dtypes.cast(tf.constant(new int[] {255, 0, 0, 255}), TUint8.class),
            WriteImageSummary.maxImages(1L));
    flush = tf.summary.flushSummaryWriter(writer);
    Op create =
        tf.summary.createSummaryFileWriter(
            writer,
            tf.constant(logDir.toAbsolutePath().toString()),
            tf.constant(10),
            tf.constant(5000),
            tf.constant(".v2"));
    session = new Session(graph);
    write(session.runner().addTarget(create));
  }

  @Override
  public void onReport(StepStats s) {
    float[] v = new float[tags.size()];
    for (int i = 0; i < tags.size() - 2; i++) {
      v[i] = s.metrics().get(tags.get(i)).floatValue();
    }
    v[tags.size() - 2] = (float) s.loss();
    v[tags.size() - 1] = (float) s.stepsPerSecond();
    try (TInt64 st = TInt64.scalarOf(s.step());
        TFloat32 vt = TFloat32.vectorOf(v)) {
      write(session.runner().feed(step, st).feed(values, vt).addTarget(writeScalars));
    }
    if (imageEvery > 0
        && trainer != null
        && trainer.calls().keys().contains(Signatures.SAMPLE)
        && s.step() / imageEvery != lastImageStep / imageEvery) {
      writeSamples(s.step());
      lastImageStep = s.step();
    }
  }

  private void writeSamples(long at) {
    int dim = trainer.dataDim();
    float[] x = trainer.calls().sample(GRID * GRID, new long[] {0x7b, at});
    ImageGrid grid = ImageGrid.tile(x, GRID * GRID, dim, GRID, GRID, 0);
    Shape shape = Shape.of(1, grid.height(), grid.width(), grid.channels());
    try (TInt64 st = TInt64.scalarOf(at);
        TUint8 img = TUint8.tensorOf(shape, DataBuffers.of(grid.values(), true, false))) {
      write(session.runner().feed(step, st).feed(image, img).addTarget(writeImage));
    }
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    close();
  }

  /** Flushes the event file and releases the summary graph (also done at the end of training). */
  @Override
  public void close() {
    if (session != null) {
      try {
        write(session.runner().addTarget(flush));
      } finally {
        session.close();
        graph.close();
        session = null;
        graph = null;
      }
    }
  }

  /**
   * Runs a write of the event file; TensorFlow's failure (a full disk, a file where the directory
   * should be) becomes an I/O failure that names the directory.
   */
  private void write(Session.Runner write) {
    try {
      write.run().close();
    } catch (TensorFlowException e) {
      throw new UncheckedIOException(
          logDir + ": cannot write TensorBoard events: " + Messages.nativeReason(e),
          new java.io.IOException(e.getMessage(), e));
    }
  }

  /**
   * The scalar tags written at each report: the trainer's metrics, then {@code loss} and {@code
   * steps_per_second}.
   *
   * @param trainer the trainer
   * @return the tags, in order
   */
  public static List<String> scalarTags(Trainer trainer) {
    List<String> tags = new ArrayList<>(trainer.metricNames());
    tags.add("loss");
    tags.add("steps_per_second");
    return tags;
  }
}
