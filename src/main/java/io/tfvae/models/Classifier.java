package io.tfvae.models;

import io.tfvae.config.proto.ClassifierDef;
import io.tfvae.config.proto.Network;
import io.tfvae.data.ImageSet;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import io.tfvae.util.TfvaeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A classifier q(y | x) = softmax(f(x)) with f an MLP ({@code classifier.dense_i}), trained by the
 * cross-entropy −Σ_c y_c log q(c | x) against one-hot labels. As a model it is the FSVAE's judge;
 * as a part it is the SSVAE's q(y|x).
 */
public final class Classifier implements Model {
  private final Mlp network;
  private final int dataDim;
  private final int classes;

  /**
   * Creates the variables {@code classifier.dense_i.{kernel,bias}}.
   *
   * @param def the classifier's settings
   * @param dataDim size of x
   * @param params the variable factory
   */
  public Classifier(ClassifierDef def, int dataDim, Parameters params) {
    this(def.getNetwork(), def.getClasses(), dataDim, params);
  }

  Classifier(Network network, int classes, int dataDim, Parameters params) {
    this.dataDim = dataDim;
    this.classes = classes;
    this.network =
        new Mlp(
            params,
            "classifier",
            dataDim,
            io.tfvae.config.NetworkSpecs.hidden(network),
            classes,
            io.tfvae.config.NetworkSpecs.activation(network.getActivation()));
  }

  /**
   * The logits f(x).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @return logits, [batch, classes]
   */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> x) {
    return network.apply(tf, x);
  }

  /**
   * q(y | x).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @return class probabilities, [batch, classes]
   */
  public Operand<TFloat32> probabilities(Ops tf, Operand<TFloat32> x) {
    return tf.nn.softmax(logits(tf, x));
  }

  /**
   * Per-example cross-entropy −Σ_c y_c log softmax(f(x))_c, by TensorFlow's dense
   * softmax-cross-entropy op (the sparse one has no gradient in TensorFlow Java).
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes]
   * @return cross-entropy, [batch]
   */
  public Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y) {
    return tf.nn.softmaxCrossEntropyWithLogits(logits(tf, x), y).loss();
  }

  /**
   * Per-example correctness: 1 where the most probable class is the label.
   *
   * @param tf ops
   * @param x data, [batch, dataDim]
   * @param y one-hot labels, [batch, classes]
   * @return 0 or 1, [batch]
   */
  public Operand<TFloat32> correct(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y) {
    var axis = tf.constant(1);
    return tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(logits(tf, x), axis), tf.math.argMax(y, axis)),
        TFloat32.class);
  }

  @Override
  public TrainingData prepare(ImageSet data) {
    if (!data.hasLabels()) {
      throw new TfvaeException(
          "classifier: a classifier trains on labelled images, and these have no labels");
    }
    return new TrainingData(data, true);
  }

  /** The batch mean of the cross-entropy; reports it and the batch accuracy. */
  @Override
  public TrainingObjective training(Ops tf, StepInputs in) {
    var axis0 = tf.constant(0);
    Operand<TFloat32> ce = tf.math.mean(crossEntropy(tf, in.x(), in.y()), axis0);
    Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
    metrics.put("cross_entropy", ce);
    metrics.put("accuracy", tf.math.mean(correct(tf, in.x(), in.y()), axis0));
    return new TrainingObjective(ce, metrics);
  }

  /** {@code classify}. */
  @Override
  public List<Signature> signatures(Ops tf) {
    Signatures.Inputs in = new Signatures.Inputs(tf, dataDim, 0, 0);
    return List.of(Signatures.classify(in, (s, x, y) -> probabilities(s, x)));
  }

  @Override
  public ModelSummary summary() {
    return new ModelSummary("classifier", 0, classes, "none");
  }

  @Override
  public ComputeCost cost() {
    return new ComputeCost(network.multiplyAdds(), network.multiplyAdds(), 0);
  }

  /** {@return the number of classes} */
  public int classes() {
    return classes;
  }
}
