package io.tfvae.config;

import io.tfvae.config.proto.Activation;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.CategoricalVaeDef;
import io.tfvae.config.proto.ClassifierDef;
import io.tfvae.config.proto.Data;
import io.tfvae.config.proto.Dataset;
import io.tfvae.config.proto.Likelihood;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Network;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.Prior;
import io.tfvae.config.proto.SsvaeDef;
import io.tfvae.config.proto.Training;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.nn.BlockSpec;
import org.tensorflow.ndarray.Shape;

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

  /** The validation split's settings, none of them ignored. */
  private void validation(io.tfvae.config.proto.Data data) {
    int n = data.getValidationImages();
    if (n == 0 && data.hasValidationCarving()) {
      fail("data.validation_carving", "no carving while data.validation_images is 0", "set");
    }
    if (data.hasValidationSeed()
        && (n == 0
            || data.getValidationCarving() == io.tfvae.config.proto.ValidationCarving.LAST)) {
      fail(
          "data.validation_seed",
          "no seed unless data.validation_images > 0 are drawn (validation_carving SEEDED)",
          data.getValidationSeed());
    }
    if (data.getValidationCarving()
        == io.tfvae.config.proto.ValidationCarving.VALIDATION_CARVING_UNSPECIFIED) {
      fail("data.validation_carving", "SEEDED or LAST", "VALIDATION_CARVING_UNSPECIFIED");
    }
    if (data.getFiles().hasValid() && n > 0) {
      fail(
          "data.validation_images",
          "0 with data.files.valid (the validation examples are that file)",
          n);
    }
    if (data.getFiles().hasValidLabels() && !data.getFiles().hasValid()) {
      fail("data.files.valid_labels", "data.files.valid beside it", "no valid file");
    }
  }

  static void validate(ModelDef proto, String source) {
    new DefinitionValidator(source).check(proto);
  }

  /**
   * Checks that a VAE's networks fit images of a shape known only once the data is read (a user's
   * files), as {@link #validate} does for a built-in data set.
   *
   * @param proto the definition
   * @param source the file name for messages
   * @param image one image's [H, W, C]
   * @throws ModelDefinitionException naming the layer whose shape does not fit
   */
  static void validateShapes(ModelDef proto, String source, Shape image) {
    if (proto.getModelCase() == ModelDef.ModelCase.VAE) {
      new DefinitionValidator(source).shapes("vae", proto.getVae(), image);
    }
  }

  private void check(ModelDef d) {
    Binarization binarization = d.getData().getBinarization();
    switch (d.getModelCase()) {
      case VAE:
        vae("vae", d.getVae(), d.getData());
        samplesPerStep(d);
        if (!d.getData().hasFiles()) {
          // A file's shape is known when it is read: the model is built, and checked, then.
          shapes("vae", d.getVae(), DataSettings.of(d.getData()).imageShape());
        }
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
    if (d.getData().hasFiles()) {
      if (d.getData().hasDataset()) {
        fail(
            "data.files",
            "either data.dataset or data.files (the user's own files), not both",
            "both");
      }
      int max = d.getData().getFiles().getMaxValue();
      if (max < 1 || max > 255) {
        fail("data.files.max_value", "1..255 (the largest value the files store)", max);
      }
      if (d.getData().getFiles().getTrain().isBlank()) {
        fail("data.files.train", "the path of the training examples (.npy or IDX)", "none");
      }
      if (d.getData().getFiles().getLabelColumn() < 0) {
        fail(
            "data.files.label_column",
            "a column number >= 1 (0: no label column)",
            d.getData().getFiles().getLabelColumn());
      }
    }
    if (d.getData().getDataset() == Dataset.DATASET_UNSPECIFIED) {
      fail("data.dataset", "MNIST, SVHN, BINARIZED_MNIST or DSPRITES", "DATASET_UNSPECIFIED");
    }
    if (d.getData().getValidationImages() < 0) {
      fail("data.validation_images", "a number >= 0", d.getData().getValidationImages());
    }
    validation(d.getData());
    if (d.getData().getValidationImages() > 0
        && d.getData().getDataset() == Dataset.BINARIZED_MNIST) {
      fail(
          "data.validation_images",
          "0 with dataset BINARIZED_MNIST (it has its own validation split)",
          d.getData().getValidationImages());
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
    if (d.getData().getDataset() == Dataset.DSPRITES && binarization != Binarization.NONE) {
      fail(
          "data.binarization",
          "NONE with dataset DSPRITES (its images are already 0 or 1)",
          binarization);
    }
  }

  private void vae(String at, VaeDef v, Data data) {
    Binarization binarization = data.getBinarization();
    positive(at + ".latent_dim", v.getLatentDim());
    network(at + ".encoder", v.getEncoder());
    network(at + ".decoder", v.getDecoder());
    if (v.hasConditional()) {
      for (String role : new String[] {"encoder", "decoder"}) {
        if ((role.equals("encoder") ? v.getEncoder() : v.getDecoder()).hasConv()) {
          fail(
              at + "." + role + ".conv",
              "an MLP (hidden) for a conditional model (its networks read one-hot labels beside"
                  + " the values)",
              "a conv network");
        }
      }
    }
    prior(at + ".prior", v.getPrior());
    if (v.getPrior().hasRealNvp() && v.getLatentDim() < 2) {
      fail(
          at + ".latent_dim",
          "2 or more with prior real_nvp (a coupling layer moves half the coordinates)",
          v.getLatentDim());
    }
    atMost(at + ".upper_layers", v.getUpperLayersCount(), MAX_LAYERS, "layers");
    for (int l = 0; l < v.getUpperLayersCount(); l++) {
      String layer = at + ".upper_layers[" + l + "]";
      var u = v.getUpperLayers(l);
      positive(layer + ".size", u.getSize());
      for (String role : new String[] {"up", "down"}) {
        Network n = role.equals("up") ? u.getUp() : u.getDown();
        if (n.hasConv()) {
          fail(
              layer + "." + role + ".conv",
              "an MLP (hidden) between stochastic layers",
              "a conv network");
        }
        network(layer + "." + role, n);
      }
    }
    if (v.hasInference() && v.getUpperLayersCount() == 0) {
      fail(at + ".inference", "no inference order without upper_layers", v.getInference());
    }
    if (v.getUpperLayersCount() > 0) {
      if (v.hasConditional()) {
        fail(at + ".upper_layers", "none for a conditional model", v.getUpperLayersCount());
      }
      if (v.getPosterior().hasIaf() && v.getInference() == io.tfvae.config.proto.Inference.LADDER) {
        fail(
            at + ".posterior",
            "gaussian with inference LADDER (its top-down merge is of Gaussians; iaf is for"
                + " BOTTOM_UP's top layer)",
            "iaf");
      }
    }
    if (v.getPosterior().hasIaf()) {
      var iaf = v.getPosterior().getIaf();
      positive(at + ".posterior.iaf.steps", iaf.getSteps(), MAX_LAYERS);
      atMost(at + ".posterior.iaf.hidden", iaf.getHiddenCount(), MAX_LAYERS, "layers");
      for (int i = 0; i < iaf.getHiddenCount(); i++) {
        positive(at + ".posterior.iaf.hidden[" + i + "]", iaf.getHidden(i));
      }
      if (iaf.getContext() < 0) {
        fail(at + ".posterior.iaf.context", "a number >= 0", iaf.getContext());
      }
    }
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
    elboSettings(at, o);
    if (o.hasFreeBits()) {
      var groups = o.getFreeBits().getGroups();
      if (groups == io.tfvae.config.proto.FreeBits.Groups.PER_DIMENSION
          && v.getPosterior().hasIaf()) {
        fail(
            at + ".objective.free_bits.groups",
            "TOTAL with posterior iaf (its KL has no closed form per latent dimension)",
            groups);
      }
      if (groups == io.tfvae.config.proto.FreeBits.Groups.PER_DIMENSION
          && v.getUpperLayersCount() > 0) {
        fail(
            at + ".objective.free_bits.groups",
            "TOTAL with upper_layers (their KL has no closed form per latent dimension)",
            groups);
      }
      if (groups == io.tfvae.config.proto.FreeBits.Groups.PER_DIMENSION
          && (v.getPrior().hasMixture() || v.getPrior().hasVamp() || v.getPrior().hasRealNvp())) {
        fail(
            at + ".objective.free_bits.groups",
            "TOTAL with prior "
                + v.getPrior().getKindCase().name().toLowerCase(java.util.Locale.ROOT)
                + " (its KL has no closed form per latent dimension)",
            groups);
      }
    }
    disentangling(at, v, o);
    if (o.getBoundCase() == Objective.BoundCase.IWAE) {
      positive(at + ".objective.iwae.k", o.getIwae().getK(), MAX_SAMPLES);
      if (o.hasWarmUp() || o.hasFreeBits()) {
        throw new ModelDefinitionException(
            source
                + ": "
                + at
                + ".objective."
                + (o.hasWarmUp() ? "warm_up" : "free_bits")
                + ": not used with the iwae bound (it weights no KL term); remove it, or use"
                + " elbo {}");
      }
      if (o.getBeta() != 1f) {
        fail(
            at + ".objective.beta",
            "1 with the iwae bound (the IWAE bound has no KL weight; use elbo {} for a beta-VAE)",
            o.getBeta());
      }
    }
  }

  /**
   * The objectives beyond the ELBO and IWAE: their weights in range, the posterior they need, and
   * no setting of the ELBO's (beta, warm-up, free bits) that they would ignore.
   */
  private void disentangling(String at, VaeDef v, Objective o) {
    var kind = o.getBoundCase();
    if (kind == Objective.BoundCase.ELBO
        || kind == Objective.BoundCase.IWAE
        || kind == Objective.BoundCase.BOUND_NOT_SET) {
      return;
    }
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    String field = at + ".objective." + name;
    if (o.hasWarmUp() || o.hasFreeBits() || o.getBeta() != 1f) {
      throw new ModelDefinitionException(
          source
              + ": "
              + at
              + ".objective."
              + (o.hasWarmUp() ? "warm_up" : o.hasFreeBits() ? "free_bits" : "beta")
              + ": not used with "
              + name
              + " (it weighs its own terms); remove it, or use elbo {}");
    }
    if ((kind == Objective.BoundCase.BETA_TCVAE || kind == Objective.BoundCase.DIP_VAE)
        && (v.getPosterior().hasIaf() || v.getUpperLayersCount() > 0)) {
      fail(
          field,
          "a diagonal Gaussian posterior (q(z|x) factorising over dimensions, one stochastic"
              + " layer)",
          v.getPosterior().hasIaf() ? "posterior iaf" : "upper_layers");
    }
    switch (kind) {
      case BETA_TCVAE:
        var t = o.getBetaTcvae();
        weight(field + ".alpha", t.getAlpha());
        weight(field + ".beta", t.getBeta());
        weight(field + ".gamma", t.getGamma());
        break;
      case DIP_VAE:
        weight(field + ".lambda_od", o.getDipVae().getLambdaOd());
        weight(field + ".lambda_d", o.getDipVae().getLambdaD());
        break;
      case CAPACITY:
        var c = o.getCapacity();
        if (!(c.getGamma() > 0f) || Float.isInfinite(c.getGamma())) {
          fail(field + ".gamma", "a finite number > 0", c.getGamma());
        }
        weight(field + ".max_nats", c.getMaxNats());
        positive(field + ".steps", c.getSteps(), MAX_STEPS);
        break;
      case FACTOR_VAE:
        var f = o.getFactorVae();
        weight(field + ".gamma", f.getGamma());
        atMost(
            field + ".discriminator_hidden", f.getDiscriminatorHiddenCount(), MAX_LAYERS, "layers");
        for (int h : f.getDiscriminatorHiddenList()) {
          positive(field + ".discriminator_hidden", h);
        }
        if (!(f.getLearningRate() > 0f) || Float.isInfinite(f.getLearningRate())) {
          fail(field + ".learning_rate", "a finite number > 0", f.getLearningRate());
        }
        if (!(f.getBeta1() >= 0f && f.getBeta1() < 1f)) {
          fail(field + ".beta1", "a number in [0, 1)", f.getBeta1());
        }
        if (!(f.getBeta2() >= 0f && f.getBeta2() < 1f)) {
          fail(field + ".beta2", "a number in [0, 1)", f.getBeta2());
        }
        break;
      case MMD:
        var m = o.getMmd();
        weight(field + ".kl_weight", m.getKlWeight());
        weight(field + ".mmd_weight", m.getMmdWeight());
        if (!(m.getBandwidth() > 0f) || Float.isInfinite(m.getBandwidth())) {
          fail(field + ".bandwidth", "a finite number > 0", m.getBandwidth());
        }
        break;
      default:
        break;
    }
  }

  /**
   * The ELBO's own settings wherever an objective is read: β, the warm-up's steps and start, and
   * the free-bits floor and its groups.
   */
  private void elboSettings(String at, Objective o) {
    weight(at + ".objective.beta", o.getBeta());
    if (o.hasWarmUp()) {
      positive(at + ".objective.warm_up.steps", o.getWarmUp().getSteps(), MAX_STEPS);
      weight(at + ".objective.warm_up.from", o.getWarmUp().getFrom());
    }
    if (o.hasFreeBits()) {
      float lambda = o.getFreeBits().getLambda();
      if (!(lambda > 0f) || Float.isInfinite(lambda)) {
        fail(at + ".objective.free_bits.lambda", "a finite number > 0 (nats)", lambda);
      }
      if (o.getFreeBits().getGroups() == io.tfvae.config.proto.FreeBits.Groups.GROUPS_UNSPECIFIED) {
        fail(
            at + ".objective.free_bits.groups",
            "PER_DIMENSION or TOTAL",
            o.getFreeBits().getGroups());
      }
    }
  }

  private void weight(String field, float w) {
    if (!(w >= 0f) || Float.isInfinite(w)) {
      fail(field, "a finite number >= 0", w);
    }
  }

  private void ssvae(String at, SsvaeDef s, Binarization binarization) {
    positive(at + ".latent_dim", s.getLatentDim());
    positive(at + ".classes", s.getClasses());
    mlpOnly(at + ".classifier", s.getClassifier(), "ssvae");
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
      mlpOnly(at + ".encoder", s.getEncoder(), "ssvae");
      mlpOnly(at + ".decoder", s.getDecoder(), "ssvae");
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
    mlpOnly(at + ".encoder", c.getEncoder(), "categorical_vae");
    mlpOnly(at + ".decoder", c.getDecoder(), "categorical_vae");
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
    if (c.hasObjective()) {
      Objective o = c.getObjective();
      if (o.getBoundCase() != Objective.BoundCase.ELBO
          && o.getBoundCase() != Objective.BoundCase.BOUND_NOT_SET) {
        fail(
            at + ".objective",
            "elbo {} (the relaxed code has no density for the other objectives)",
            o.getBoundCase().name().toLowerCase(java.util.Locale.ROOT));
      }
      elboSettings(at, o);
      if (o.hasFreeBits()
          && o.getFreeBits().getGroups() != io.tfvae.config.proto.FreeBits.Groups.TOTAL) {
        fail(
            at + ".objective.free_bits.groups",
            "TOTAL (the categorical code's KL has no closed form per latent dimension here)",
            o.getFreeBits().getGroups());
      }
    }
  }

  private void classifier(String at, ClassifierDef c) {
    positive(at + ".classes", c.getClasses());
    mlpOnly(at + ".network", c.getNetwork(), "classifier");
  }

  private void network(String at, Network n) {
    if (n.hasConv()) {
      conv(at, n);
      return;
    }
    atMost(at + ".hidden", n.getHiddenCount(), MAX_LAYERS, "layers");
    for (int h : n.getHiddenList()) {
      positive(at + ".hidden", h);
    }
    activation(at + ".activation", n.getActivation());
  }

  /** A network that must be an MLP (models whose networks read labels or codes beside x). */
  private void mlpOnly(String at, Network n, String model) {
    if (n.hasConv()) {
      fail(at + ".conv", "an MLP (hidden): conv networks are for vae models", "a conv network");
    }
    network(at, n);
  }

  private void conv(String at, Network n) {
    if (n.getHiddenCount() > 0) {
      fail(
          at + ".hidden",
          "no widths with conv (a network is an MLP or a conv network)",
          n.getHiddenList());
    }
    if (n.hasActivation()) {
      throw new ModelDefinitionException(
          source
              + ": "
              + at
              + ".activation: not used with conv (each layer names its own); remove it");
    }
    var c = n.getConv();
    for (int d : c.getReshapeList()) {
      positive(at + ".conv.reshape", d);
    }
    positive(at + ".conv.output_kernel", c.getOutputKernel(), MAX_KERNEL);
    activation(at + ".conv.activation", c.getActivation());
    atMost(at + ".conv.layers", c.getLayersCount(), MAX_LAYERS, "layers");
    for (int i = 0; i < c.getLayersCount(); i++) {
      String l = at + ".conv.layers[" + i + "]";
      var layer = c.getLayers(i);
      switch (layer.getKindCase()) {
        case CONV2D:
          var cv = layer.getConv2D();
          positive(l + ".conv2d.filters", cv.getFilters());
          positive(l + ".conv2d.kernel_size", cv.getKernelSize(), MAX_KERNEL);
          positive(l + ".conv2d.strides", cv.getStrides(), MAX_KERNEL);
          activation(l + ".conv2d.activation", cv.getActivation());
          if (cv.getPadding() == io.tfvae.config.proto.Padding.PADDING_UNSPECIFIED) {
            fail(l + ".conv2d.padding", "SAME or VALID", cv.getPadding());
          }
          break;
        case UPSAMPLE2D:
          var u = layer.getUpsample2D();
          positive(l + ".upsample2d.filters", u.getFilters());
          positive(l + ".upsample2d.kernel_size", u.getKernelSize(), MAX_KERNEL);
          positive(l + ".upsample2d.factor", u.getFactor(), MAX_KERNEL);
          activation(l + ".upsample2d.activation", u.getActivation());
          if (u.getMethod() == io.tfvae.config.proto.Upsample2d.Method.METHOD_UNSPECIFIED) {
            fail(l + ".upsample2d.method", "TRANSPOSED, NEAREST or DEPTH_TO_SPACE", u.getMethod());
          }
          break;
        case RESIDUAL:
          positive(l + ".residual.kernel_size", layer.getResidual().getKernelSize(), MAX_KERNEL);
          float scale = layer.getResidual().getScale();
          if (!(scale > 0f) || Float.isInfinite(scale)) {
            fail(l + ".residual.scale", "a finite number > 0", scale);
          }
          activation(l + ".residual.activation", layer.getResidual().getActivation());
          break;
        default:
          fail(l, "one of conv2d { ... }, upsample2d { ... }, residual { ... }", "none");
      }
    }
  }

  private void activation(String at, Activation a) {
    if (a == Activation.ACTIVATION_UNSPECIFIED) {
      fail(at, "one of ELU, RELU, TANH, LINEAR", "ACTIVATION_UNSPECIFIED");
    }
  }

  /**
   * Builds the VAE's networks into a scratch graph, so that a stack whose shapes do not fit is
   * refused here, naming the layer, rather than when training starts.
   */
  private void shapes(String at, VaeDef v, Shape image) {
    int dim = Math.toIntExact(image.size());
    int classes = v.hasConditional() ? v.getConditional().getClasses() : 0;
    int latent = v.getLatentDim();
    // Gaussian posterior: mean and variance (and an IAF's context); a learned-variance Gaussian
    // likelihood: two per value.
    int likelihoodWidth = v.getLikelihood().getGaussian().getLearnVariance() ? 2 * dim : dim;
    check(
        at + ".encoder",
        NetworkSpecs.encoder(
            v.getEncoder(),
            image,
            2 * latent + (v.getPosterior().hasIaf() ? v.getPosterior().getIaf().getContext() : 0)),
        "encoder",
        Shape.of(dim + classes));
    check(
        at + ".decoder",
        NetworkSpecs.decoder(v.getDecoder(), image, likelihoodWidth),
        "decoder",
        Shape.of(latent + classes));
  }

  private void check(String at, BlockSpec spec, String name, Shape input) {
    try {
      spec.outputShape(name, input);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new ModelDefinitionException(
          source + ": " + at + (m.startsWith("conv.") ? "." : ": ") + m);
    }
  }

  private void prior(String at, Prior p) {
    if (p.getKindCase() == Prior.KindCase.MIXTURE) {
      positive(at + ".mixture.components", p.getMixture().getComponents());
    }
    if (p.getKindCase() == Prior.KindCase.VAMP) {
      positive(at + ".vamp.components", p.getVamp().getComponents());
    }
    if (p.getKindCase() == Prior.KindCase.REAL_NVP) {
      positive(at + ".real_nvp.layers", p.getRealNvp().getLayers(), MAX_LAYERS);
      atMost(at + ".real_nvp.hidden", p.getRealNvp().getHiddenCount(), MAX_LAYERS, "layers");
      for (int h : p.getRealNvp().getHiddenList()) {
        positive(at + ".real_nvp.hidden", h);
      }
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
      positive("training.adam.decay.every", decay.getEvery(), MAX_STEPS);
      if (!(decay.getMin() >= 0f && decay.getMin() <= adam.getLearningRate())) {
        fail(
            "training.adam.decay.min",
            "a number in [0, learning_rate = " + adam.getLearningRate() + "]",
            decay.getMin());
      }
    }
    if (adam.hasCosine()) {
      if (adam.hasDecay()) {
        fail("training.adam.cosine", "no decay beside it (one schedule)", "decay and cosine");
      }
      positive("training.adam.cosine.steps", adam.getCosine().getSteps(), MAX_STEPS);
      float min = adam.getCosine().getMin();
      if (!(min >= 0f && min <= adam.getLearningRate())) {
        fail(
            "training.adam.cosine.min",
            "a number in [0, learning_rate = " + adam.getLearningRate() + "]",
            min);
      }
    }
    if (adam.getWarmupSteps() < 0 || adam.getWarmupSteps() > MAX_STEPS) {
      fail("training.adam.warmup_steps", "a number in 0.." + MAX_STEPS, adam.getWarmupSteps());
    }
    if (adam.getMethod() == io.tfvae.config.proto.Adam.Method.METHOD_UNSPECIFIED) {
      fail("training.adam.method", "ADAM or ADAMAX", adam.getMethod());
    }
    if (!(t.getPolyakDecay() >= 0f && t.getPolyakDecay() < 1f)) {
      fail("training.polyak_decay", "a number in [0, 1) (0: no averaging)", t.getPolyakDecay());
    }
    if (t.getExportAverage() && t.getPolyakDecay() == 0f) {
      throw new ModelDefinitionException(
          source
              + ": training.export_average: needs training.polyak_decay > 0 (there is no average"
              + " to export); set it, or remove export_average");
    }
    positive("training.batch_size", t.getBatchSize(), MAX_SAMPLES);
    if (t.getSteps() < 0 || t.getSteps() > MAX_STEPS) {
      fail("training.steps", "a number in 0.." + MAX_STEPS, t.getSteps());
    }
    if (t.getThreads() < 0 || t.getThreads() > MAX_THREADS) {
      fail("training.threads", "a number in 0.." + MAX_THREADS + " (0: all cores)", t.getThreads());
    }
    if (t.getCheckpointEvery() < 0 || t.getCheckpointEvery() > MAX_STEPS) {
      fail(
          "training.checkpoint_every",
          "a number in 0.." + MAX_STEPS + " (0: only at the end)",
          t.getCheckpointEvery());
    }
    positive("training.log_every", t.getLogEvery(), MAX_STEPS);
    positive("training.keep_checkpoints", t.getKeepCheckpoints());
  }

  /*
   * Upper bounds: past them a setting overflows TensorFlow's or Java's 32-bit sizes, or needs far
   * more memory or time than any machine gives, and fails deep inside a library instead of here.
   */
  /** The largest width, filter count, latent size, class or component count. */
  static final long MAX_SIZE = 65_536;

  /** The largest kernel size, stride or upsampling factor. */
  static final long MAX_KERNEL = 64;

  /** The most layers in one network (or flow steps, or stochastic layers). */
  static final int MAX_LAYERS = 256;

  /** The largest step count (the trainer keeps one loss per step of a run: 400 MB at most). */
  static final long MAX_STEPS = 100_000_000;

  /** The largest batch or IWAE sample count, and their largest product. */
  static final long MAX_SAMPLES = 1_000_000;

  /** The most threads. */
  static final int MAX_THREADS = 1024;

  private void positive(String field, long value) {
    positive(field, value, MAX_SIZE);
  }

  private void positive(String field, long value, long max) {
    if (value <= 0 || value > max) {
      fail(field, "a number in 1.." + max, value);
    }
  }

  /** IWAE's k samples of every image in a batch all go through the decoder in one step. */
  private void samplesPerStep(ModelDef d) {
    var o = d.getVae().getObjective();
    long batch = d.getTraining().getBatchSize();
    if (o.getBoundCase() != Objective.BoundCase.IWAE || o.getIwae().getK() * batch <= MAX_SAMPLES) {
      return;
    }
    long samples = o.getIwae().getK() * batch;
    String memory =
        d.getData().hasFiles()
            ? ""
            : String.format(
                java.util.Locale.ROOT,
                "; the decoder's outputs alone would take %.1f GiB",
                samples * DataSettings.of(d.getData()).imageShape().size() * 4.0 / (1L << 30));
    fail(
        "vae.objective.iwae.k",
        "k x training.batch_size <= " + MAX_SAMPLES + " image-samples a step" + memory,
        o.getIwae().getK() + " x " + batch);
  }

  private void atMost(String field, int count, int max, String what) {
    if (count > max) {
      fail(field, "at most " + max + " " + what, count);
    }
  }

  private void fail(String field, String expected, Object found) {
    throw new ModelDefinitionException(
        source + ": " + field + ": expected " + expected + ", got " + found);
  }
}
