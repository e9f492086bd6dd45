package io.tfvae.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1, with the "epsilon hat" of section 2) on
 * tensorflow-framework's {@link Optimizer}, with the {@code ApplyAdam} kernel.
 *
 * <p>Why not {@code org.tensorflow.framework.optimizers.Adam}: in tensorflow-framework 1.0.0 its
 * {@code finish} decays {@code beta1_power} and {@code beta2_power} with assignments that have no
 * control dependency on the {@code ApplyAdam} ops reading them. The two race: which value an update
 * sees depends on thread timing, so two runs with the same seed differ (seen here in the last bits
 * of the loss, and in the first step after a resume), and the bias correction is usually one step
 * ahead. This class is the same algorithm with the decay ordered after every update of the step.
 * Slot names ({@code <variable>-m}, {@code <variable>-v}) match the framework's.
 *
 * <p>Each update waits for the step's readers of its own variable ({@link VariableReaders}), not
 * for every gradient as the framework orders it, so updates overlap the rest of the backward pass.
 */
public final class OrderedAdam extends Optimizer {
  /** Default step size. */
  public static final float LEARNING_RATE_DEFAULT = 0.001f;

  /** Default β1. */
  public static final float BETA_ONE_DEFAULT = 0.9f;

  /** Default β2. */
  public static final float BETA_TWO_DEFAULT = 0.999f;

  /** Default ε. */
  public static final float EPSILON_DEFAULT = 1e-8f;

  private final float learningRate;
  private final Operand<TFloat32> learningRateOperand;
  private final float betaOne;
  private final float betaTwo;
  private final float epsilon;
  private DeviceSpec stateDevice;
  private Variable<TFloat32> betaOnePower;
  private Variable<TFloat32> betaTwoPower;
  private Operand<TFloat32> learningRateConst;
  private Constant<TFloat32> betaOneConst;
  private Constant<TFloat32> betaTwoConst;
  private Constant<TFloat32> epsilonConst;
  private List<Operand<?>> alsoFetched = List.of();
  private boolean infinityNorm;
  private String statePrefix = "";
  private VariableReaders readers;

  /**
   * @param graph the training graph
   * @param learningRate step size α
   * @param betaOne β1
   * @param betaTwo β2
   * @param epsilon ε
   */
  public OrderedAdam(Graph graph, float learningRate, float betaOne, float betaTwo, float epsilon) {
    this(graph, learningRate, null, betaOne, betaTwo, epsilon);
  }

  /**
   * Adam whose step size is computed in the graph (a schedule of the step).
   *
   * @param graph the training graph
   * @param learningRate step size α, a float32 scalar of the same graph
   * @param betaOne β1
   * @param betaTwo β2
   * @param epsilon ε
   */
  public OrderedAdam(
      Graph graph, Operand<TFloat32> learningRate, float betaOne, float betaTwo, float epsilon) {
    this(graph, Float.NaN, learningRate, betaOne, betaTwo, epsilon);
  }

  private OrderedAdam(
      Graph graph,
      float learningRate,
      Operand<TFloat32> learningRateOperand,
      float betaOne,
      float betaTwo,
      float epsilon) {
    super(graph, "Adam");
    this.learningRate = learningRate;
    this.learningRateOperand = learningRateOperand;
    this.betaOne = betaOne;
    this.betaTwo = betaTwo;
    this.epsilon = epsilon;
  }

  /**
   * Makes this Adamax (Kingma and Ba 2015, Algorithm 2): the slot v holds u = max(β2 u, |g|)
   * instead of the second moment, and the step is α/(1 − β1^t) · m/(u + ε) (TensorFlow's
   * ApplyAdaMax). Call before {@code minimize}.
   *
   * @return this
   */
  public OrderedAdam adamax() {
    this.infinityNorm = true;
    return this;
  }

  /**
   * Names this optimizer's own state ({@code PREFIX_beta1_power}, ...) so that a second optimizer
   * of the same graph (a part trained on its own loss) keeps its state apart. Call before {@code
   * minimize}.
   *
   * @param prefix the prefix, a valid op name
   * @return this
   */
  public OrderedAdam stateNamed(String prefix) {
    this.statePrefix = prefix + "_";
    return this;
  }

  /**
   * Places β1^t and β2^t on a device (a parameter server), beside the variables. The slots m and v
   * need no placement: an update reads them by reference, so TensorFlow keeps them with their
   * variable.
   *
   * @param device the device
   */
  public void placeStateOn(DeviceSpec device) {
    this.stateDevice = device;
  }

  /**
   * Declares what else the step fetches beside the update (its loss and metrics): an update also
   * waits for their reads of its variable.
   *
   * @param fetches the step's other fetches
   */
  public void alsoFetched(List<? extends Operand<?>> fetches) {
    this.alsoFetched = List.copyOf(fetches);
  }

  @Override
  public Op applyGradients(List<GradAndVar<? extends TType>> gradsAndVars, String name) {
    List<Operand<?>> roots = new ArrayList<>(alsoFetched);
    gradsAndVars.forEach(g -> roots.add(g.getGradient()));
    readers = new VariableReaders(roots);
    return super.applyGradients(gradsAndVars, name);
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    for (Output<? extends TType> v : variables) {
      createZeroSlot(v, "m");
      createZeroSlot(v, "v");
    }
    // β^t for the bias correction, starting at β^1 for the first update.
    Ops state = stateDevice == null ? tf : tf.withDevice(stateDevice);
    betaOnePower =
        state
            .withInitScope()
            .withName(statePrefix + "beta1_power")
            .variable(Shape.scalar(), TFloat32.class);
    state.withInitScope().assign(betaOnePower, tf.constant(betaOne));
    betaTwoPower =
        state
            .withInitScope()
            .withName(statePrefix + "beta2_power")
            .variable(Shape.scalar(), TFloat32.class);
    state.withInitScope().assign(betaTwoPower, tf.constant(betaTwo));
  }

  private <T extends TType> void createZeroSlot(Output<T> v, String name) {
    createSlot(v, name, tf.fill(tf.shape(v), tf.dtypes.cast(tf.constant(0.0f), v.type())));
  }

  @Override
  protected Optional<Op> prepare(String scopeName) {
    learningRateConst =
        learningRateOperand != null ? learningRateOperand : tf.constant(learningRate);
    betaOneConst = tf.constant(betaOne);
    betaTwoConst = tf.constant(betaTwo);
    epsilonConst = tf.constant(epsilon);
    return Optional.empty();
  }

  /**
   * The update of one variable. It waits for the step's readers of that variable ({@link
   * VariableReaders}) rather than for every gradient as {@code deps} would have it, so updates run
   * beside the rest of the backward pass with the same result.
   */
  @Override
  protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Variable<T> m = getSlot(variable, "m").orElseThrow();
    Variable<T> v = getSlot(variable, "v").orElseThrow();
    Ops afterReads = tf.withControlDependencies(readers.of(variable));
    if (infinityNorm) {
      return afterReads.train.applyAdaMax(
          variable,
          m,
          v,
          asTypeOf(betaOnePower, gradient),
          asTypeOf(learningRateConst, gradient),
          asTypeOf(betaOneConst, gradient),
          asTypeOf(betaTwoConst, gradient),
          asTypeOf(epsilonConst, gradient),
          gradient,
          org.tensorflow.op.train.ApplyAdaMax.useLocking(true));
    }
    return afterReads.train.applyAdam(
        variable,
        m,
        v,
        asTypeOf(betaOnePower, gradient),
        asTypeOf(betaTwoPower, gradient),
        asTypeOf(learningRateConst, gradient),
        asTypeOf(betaOneConst, gradient),
        asTypeOf(betaTwoConst, gradient),
        asTypeOf(epsilonConst, gradient),
        gradient,
        ApplyAdam.useLocking(true));
  }

  /** A float32 scalar in the gradient's type; no op when that is float32 already. */
  @SuppressWarnings("unchecked")
  private <T extends TType> Operand<T> asTypeOf(Operand<TFloat32> scalar, Output<T> gradient) {
    return gradient.type() == TFloat32.class
        ? (Operand<T>) scalar
        : tf.dtypes.cast(scalar, gradient.type());
  }

  @Override
  protected Op finish(List<Op> updateOperations, String name) {
    // The decay runs only after every ApplyAdam of this step has read β^t.
    Ops after = tf.withControlDependencies(updateOperations);
    List<Op> all = new ArrayList<>(updateOperations);
    all.add(after.assign(betaOnePower, after.math.mul(betaOnePower, betaOneConst)));
    all.add(after.assign(betaTwoPower, after.math.mul(betaTwoPower, betaTwoConst)));
    return super.finish(all, name);
  }

  @Override
  public String getOptimizerName() {
    return infinityNorm ? "Adamax" : "Adam";
  }
}
