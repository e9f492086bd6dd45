package io.tfvae.config;

import io.tfvae.config.proto.Activation;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.CategoricalVaeDef;
import io.tfvae.config.proto.ClassifierDef;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.Likelihood;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Network;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.Prior;
import io.tfvae.config.proto.SsvaeDef;
import io.tfvae.config.proto.Training;
import io.tfvae.config.proto.VaeDef;

/**
 * Checks a definition once, before any graph is built: every range, and every combination that
 * would make a setting meaningless. The first problem found is a one-line {@link
 * ModelDefinitionException}: {@code SOURCE: FIELD.PATH: expected ..., got ...}.
 */
final class DefinitionValidator {
  private final String source;

  private DefinitionValidator(String source) {
    this.source = source;
  }

  static void validate(ModelDef proto, String source) {
    new DefinitionValidator(source).check(proto);
  }

  private void check(ModelDef d) {
    Binarization binarization = d.getData().getBinarization();
    switch (d.getModelCase()) {
      case VAE:
        vae("vae", d.getVae(), binarization);
        break;
      case SSVAE:
        ssvae("ssvae", d.getSsvae(), binarization);
        break;
      case CLASSIFIER:
        classifier("classifier", d.getClassifier());
        break;
      case CATEGORICAL_VAE:
        categoricalVae("categorical_vae", d.getCategoricalVae(), binarization);
        break;
      default:
        fail(
            "model",
            "one of vae { ... }, ssvae { ... }, classifier { ... } or categorical_vae { ... } (what is trained)",
            "none");
    }
    training(d.getTraining());
    if (d.getData().getDataset() == Dataset.DATASET_UNSPECIFIED) {
      fail("data.dataset", "MNIST, SVHN or BINARIZED_MNIST", "DATASET_UNSPECIFIED");
    }
    if (binarization == Binarization.BINARIZATION_UNSPECIFIED) {
      fail("data.binarization", "DYNAMIC or NONE", "BINARIZATION_UNSPECIFIED");
    }
    if (d.getData().getDataset() == Dataset.BINARIZED_MNIST && binarization != Binarization.NONE) {
      fail(
          "data.binarization",
          "NONE with dataset BINARIZED_MNIST (its fixed binarization is used as it is)",
          binarization);
    }
  }

  private void vae(String at, VaeDef v, Binarization binarization) {
    positive(at + ".latent_dim", v.getLatentDim());
    network(at + ".encoder", v.getEncoder());
    network(at + ".decoder", v.getDecoder());
    prior(at + ".prior", v.getPrior());
    likelihood(at + ".likelihood", v.getLikelihood(), binarization);
    if (v.hasConditional()) {
      positive(at + ".conditional.classes", v.getConditional().getClasses());
    }
    if (v.hasConditional() && v.getPrior().hasVamp()) {
      fail(
          at + ".prior",
          "standard_normal or mixture for a conditional model (a VampPrior's pseudo-inputs have no label)",
          "vamp");
    }
    Objective o = v.getObjective();
    if (!(o.getBeta() >= 0f) || Float.isInfinite(o.getBeta())) {
      fail(at + ".objective.beta", "a finite number >= 0", o.getBeta());
    }
    if (o.getBoundCase() == Objective.BoundCase.IWAE) {
      positive(at + ".objective.iwae.k", o.getIwae().getK());
      if (o.getBeta() != 1f) {
        fail(
            at + ".objective.beta",
            "1 with the iwae bound (the IWAE bound has no KL weight; use elbo {} for a beta-VAE)",
            o.getBeta());
      }
    }
  }

  private void ssvae(String at, SsvaeDef s, Binarization binarization) {
    positive(at + ".latent_dim", s.getLatentDim());
    positive(at + ".classes", s.getClasses());
    network(at + ".classifier", s.getClassifier());
    if (!(s.getGenWeight() >= 0f) || Float.isInfinite(s.getGenWeight())) {
      fail(at + ".gen_weight", "a finite number >= 0", s.getGenWeight());
    }
    if (!(s.getClassWeight() >= 0f) || Float.isInfinite(s.getClassWeight())) {
      fail(at + ".class_weight", "a finite number >= 0", s.getClassWeight());
    }
    if (s.getGenWeight() == 0f) {
      // The classifier alone: the generative parts are not built, so settings for them would lie.
      String unused =
          s.hasEncoder()
              ? "encoder"
              : s.hasDecoder()
                  ? "decoder"
                  : s.hasPrior() ? "prior" : s.hasLikelihood() ? "likelihood" : null;
      if (unused != null) {
        throw new ModelDefinitionException(
            source
                + ": "
                + at
                + "."
                + unused
                + ": not used when "
                + at
                + ".gen_weight is 0 (the classifier is trained alone); remove it (--set "
                + at
                + "."
                + unused
                + "= clears it)");
      }
    } else {
      network(at + ".encoder", s.getEncoder());
      network(at + ".decoder", s.getDecoder());
      prior(at + ".prior", s.getPrior());
      likelihood(at + ".likelihood", s.getLikelihood(), binarization);
      if (s.getPrior().hasVamp()) {
        fail(
            at + ".prior",
            "standard_normal or mixture (the SSVAE's encoder reads labels, which pseudo-inputs lack)",
            "vamp");
      }
    }
    var labelled = s.getLabelled();
    switch (labelled.getChoiceCase()) {
      case EXPLICIT:
        if (labelled.getExplicit().getIndicesCount() == 0) {
          fail(at + ".labelled.explicit.indices", "at least one training-set index", "none");
        }
        for (int i : labelled.getExplicit().getIndicesList()) {
          if (i < 0) {
            fail(at + ".labelled.explicit.indices", "indices >= 0", i);
          }
        }
        break;
      case SEEDED:
        positive(at + ".labelled.seeded.per_class", labelled.getSeeded().getPerClass());
        break;
      default:
        break;
    }
  }

  private void categoricalVae(String at, CategoricalVaeDef c, Binarization binarization) {
    positive(at + ".variables", c.getVariables());
    if (c.getClasses() < 2) {
      fail(at + ".classes", "a number >= 2", c.getClasses());
    }
    network(at + ".encoder", c.getEncoder());
    network(at + ".decoder", c.getDecoder());
    likelihood(at + ".likelihood", c.getLikelihood(), binarization);
    var t = c.getTemperature();
    if (!(t.getMin() > 0f) || Float.isInfinite(t.getMin())) {
      fail(at + ".temperature.min", "a finite number > 0", t.getMin());
    }
    if (!(t.getInitial() >= t.getMin()) || Float.isInfinite(t.getInitial())) {
      fail(
          at + ".temperature.initial",
          "a finite number >= temperature.min (" + t.getMin() + ")",
          t.getInitial());
    }
    if (!(t.getRate() >= 0f) || Float.isInfinite(t.getRate())) {
      fail(at + ".temperature.rate", "a finite number >= 0", t.getRate());
    }
  }

  private void classifier(String at, ClassifierDef c) {
    positive(at + ".classes", c.getClasses());
    network(at + ".network", c.getNetwork());
  }

  private void network(String at, Network n) {
    for (int h : n.getHiddenList()) {
      positive(at + ".hidden", h);
    }
    if (n.getActivation() == Activation.ACTIVATION_UNSPECIFIED) {
      fail(at + ".activation", "one of ELU, RELU, TANH", "ACTIVATION_UNSPECIFIED");
    }
  }

  private void prior(String at, Prior p) {
    if (p.getKindCase() == Prior.KindCase.MIXTURE) {
      positive(at + ".mixture.components", p.getMixture().getComponents());
    }
    if (p.getKindCase() == Prior.KindCase.VAMP) {
      positive(at + ".vamp.components", p.getVamp().getComponents());
    }
  }

  private void likelihood(String at, Likelihood l, Binarization binarization) {
    if (l.getKindCase() != Likelihood.KindCase.GAUSSIAN) {
      return;
    }
    var g = l.getGaussian();
    if (g.getLearnVariance() && g.hasVariance()) {
      throw new ModelDefinitionException(
          source
              + ": "
              + at
              + ".gaussian.variance: not used with learn_variance: true (the decoder outputs the"
              + " variance); remove it");
    }
    if (!(g.getVariance() > 0f) || Float.isInfinite(g.getVariance())) {
      fail(at + ".gaussian.variance", "a finite number > 0", g.getVariance());
    }
    if (binarization == Binarization.DYNAMIC) {
      fail(
          "data.binarization",
          "NONE with a gaussian likelihood (pixels stay in [0, 1])",
          "DYNAMIC");
    }
  }

  private void training(Training t) {
    var adam = t.getAdam();
    if (!(adam.getLearningRate() > 0f) || Float.isInfinite(adam.getLearningRate())) {
      fail("training.adam.learning_rate", "a finite number > 0", adam.getLearningRate());
    }
    if (!(adam.getBeta1() >= 0f && adam.getBeta1() < 1f)) {
      fail("training.adam.beta1", "a number in [0, 1)", adam.getBeta1());
    }
    if (!(adam.getBeta2() >= 0f && adam.getBeta2() < 1f)) {
      fail("training.adam.beta2", "a number in [0, 1)", adam.getBeta2());
    }
    if (!(adam.getEpsilon() > 0f)) {
      fail("training.adam.epsilon", "a number > 0", adam.getEpsilon());
    }
    if (adam.hasDecay()) {
      var decay = adam.getDecay();
      if (!(decay.getRate() > 0f && decay.getRate() <= 1f)) {
        fail("training.adam.decay.rate", "a number in (0, 1]", decay.getRate());
      }
      positive("training.adam.decay.every", decay.getEvery());
      if (!(decay.getMin() >= 0f && decay.getMin() <= adam.getLearningRate())) {
        fail(
            "training.adam.decay.min",
            "a number in [0, learning_rate = " + adam.getLearningRate() + "]",
            decay.getMin());
      }
    }
    positive("training.batch_size", t.getBatchSize());
    if (t.getSteps() < 0) {
      fail("training.steps", "a number >= 0", t.getSteps());
    }
    if (t.getThreads() < 0) {
      fail("training.threads", "a number >= 0 (0: all cores)", t.getThreads());
    }
    if (t.getCheckpointEvery() < 0) {
      fail(
          "training.checkpoint_every",
          "a number >= 0 (0: only at the end)",
          t.getCheckpointEvery());
    }
    positive("training.log_every", t.getLogEvery());
    positive("training.keep_checkpoints", t.getKeepCheckpoints());
  }

  private void positive(String field, long value) {
    if (value <= 0) {
      fail(field, "a number > 0", value);
    }
  }

  private void fail(String field, String expected, Object found) {
    throw new ModelDefinitionException(
        source + ": " + field + ": expected " + expected + ", got " + found);
  }
}
