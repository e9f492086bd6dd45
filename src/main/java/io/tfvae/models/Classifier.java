package io.tfvae.models;

import io.tfvae.config.ModelDefinition;
import io.tfvae.nn.Mlp;
import io.tfvae.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A classifier q(y | x) = softmax(f(x)) with f an MLP ({@code classifier.dense_i}), trained by the
 * cross-entropy −Σ_c y_c log q(c | x) against one-hot labels. It is the FSVAE's judge, and the
 * SSVAE's q(y|x) network.
 */
public final class Classifier {
  private final Mlp network;
  private final int dataDim;
  private final int classes;

  /**
   * Creates the variables {@code classifier.dense_i.{kernel,bias}}.
   *
   * @param definition the definition (classifier network, classes)
   * @param dataDim size of x
   * @param params the variable factory
   */
  public Classifier(ModelDefinition definition, int dataDim, Parameters params) {
    this.dataDim = dataDim;
    this.classes = definition.classes();
    this.network =
        new Mlp(params, "classifier", dataDim, definition.classifierHidden(), classes,
            definition.classifierActivation());
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
        tf.math.equal(tf.math.argMax(logits(tf, x), axis), tf.math.argMax(y, axis)), TFloat32.class);
  }

  /** Size of x. */
  public int dataDim() {
    return dataDim;
  }

  /** Number of classes. */
  public int classes() {
    return classes;
  }
}
