package io.tfvae.userland;

import io.tfvae.bounds.Bounds;
import io.tfvae.distributions.DiagonalGaussian;
import io.tfvae.objectives.Objective;
import io.tfvae.objectives.ObjectiveValue;
import io.tfvae.objectives.StepRecord;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A user's β-TCVAE from public types alone: rec + KL + (β − 1)·TC, the total correlation estimated
 * by minibatch-weighted sampling, log q(z_i) ≈ logsumexp_j log q(z_i | x_j) − log(N M).
 */
final class MyTcVae implements Objective {
  private final float beta;

  MyTcVae(float beta) {
    this.beta = beta;
  }

  @Override
  public ObjectiveValue loss(Ops tf, StepRecord r, Operand<TInt64> step) {
    DiagonalGaussian q = (DiagonalGaussian) r.posterior();
    Operand<TFloat32> z = tf.expandDims(r.z(), tf.constant(1)); // [M, 1, D]
    Operand<TFloat32> var = tf.expandDims(q.variance(), tf.constant(0)); // [1, M, D]
    Operand<TFloat32> diff = tf.math.sub(z, tf.expandDims(q.mean(), tf.constant(0)));
    Operand<TFloat32> logQijd = // log N(z_i,d; μ_j,d, σ²_j,d), [M, M, D]
        tf.math.mul(
            tf.constant(-0.5f),
            tf.math.add(
                tf.math.add(tf.math.div(tf.math.square(diff), var), tf.math.log(var)),
                tf.constant((float) Math.log(2 * Math.PI))));
    Operand<TFloat32> m =
        tf.dtypes.cast(tf.gather(tf.shape(r.z()), tf.constant(0), tf.constant(0)), TFloat32.class);
    Operand<TFloat32> logNm = tf.math.log(tf.math.mul(m, tf.constant((float) r.datasetSize())));
    Operand<TFloat32> logQz =
        tf.math.sub(Bounds.logSumExp(tf, tf.reduceSum(logQijd, tf.constant(2)), 1), logNm);
    Operand<TFloat32> logProduct =
        tf.reduceSum(tf.math.sub(Bounds.logSumExp(tf, logQijd, 1), logNm), tf.constant(1));
    Operand<TFloat32> tc = tf.math.mean(tf.math.sub(logQz, logProduct), tf.constant(0));
    Operand<TFloat32> elbo = tf.math.mean(tf.math.add(r.rec(), r.kl()), tf.constant(0));
    Operand<TFloat32> loss = tf.math.add(elbo, tf.math.mul(tf.constant(beta - 1f), tc));
    return new ObjectiveValue(loss, Map.of("my_tc", tc));
  }

  @Override
  public String describe() {
    return "my beta-TCVAE, beta " + beta;
  }
}
