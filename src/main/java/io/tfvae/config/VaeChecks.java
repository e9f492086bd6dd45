package io.tfvae.config;

import io.tfvae.config.parts.ElboSettings;
import io.tfvae.config.parts.Fields;
import io.tfvae.config.parts.PartMessages;
import io.tfvae.config.proto.Binarization;
import io.tfvae.config.proto.FreeBits;
import io.tfvae.config.proto.Inference;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.config.proto.Network;
import io.tfvae.config.proto.Objective;
import io.tfvae.config.proto.VaeDef;
import io.tfvae.nn.BlockSpec;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/**
 * A VAE's settings: each part's own fields (its {@link io.tfvae.config.parts.PartMessage}), and the
 * combinations of parts that would make a setting meaningless.
 */
final class VaeChecks {
  private VaeChecks() {}

  static void check(Fields root, ModelDef d) {
    VaeDef v = d.getVae();
    Fields at = root.at("vae");
    Binarization binarization = d.getData().getBinarization();
    at.positive("latent_dim", v.getLatentDim());
    NetworkChecks.network(at.at("encoder"), v.getEncoder());
    NetworkChecks.network(at.at("decoder"), v.getDecoder());
    if (v.hasConditional()) {
      for (String role : new String[] {"encoder", "decoder"}) {
        if ((role.equals("encoder") ? v.getEncoder() : v.getDecoder()).hasConv()) {
          at.fail(
              role + ".conv",
              "an MLP (hidden) for a conditional model (its networks read one-hot labels beside"
                  + " the values)",
              "a conv network");
        }
      }
    }
    PartMessages.PRIORS.check(v.getPrior(), at.at("prior"));
    if (v.getPrior().hasRealNvp() && v.getLatentDim() < 2) {
      at.fail(
          "latent_dim",
          "2 or more with prior real_nvp (a coupling layer moves half the coordinates)",
          v.getLatentDim());
    }
    upperLayers(at, v);
    PartMessages.POSTERIORS.check(v.getPosterior(), at.at("posterior"));
    PartChecks.likelihood(root, at.at("likelihood"), v.getLikelihood(), binarization);
    if (v.hasConditional()) {
      at.positive("conditional.classes", v.getConditional().getClasses());
    }
    if (v.hasConditional() && v.getPrior().hasVamp()) {
      at.fail(
          "prior",
          "standard_normal or mixture for a conditional model (a VampPrior's pseudo-inputs have no label)",
          "vamp");
    }
    objective(at, v);
    samplesPerStep(root, d);
  }

  private static void upperLayers(Fields at, VaeDef v) {
    at.atMost("upper_layers", v.getUpperLayersCount(), Fields.MAX_LAYERS, "layers");
    for (int l = 0; l < v.getUpperLayersCount(); l++) {
      Fields layer = at.at("upper_layers[" + l + "]");
      var u = v.getUpperLayers(l);
      layer.positive("size", u.getSize());
      for (String role : new String[] {"up", "down"}) {
        Network n = role.equals("up") ? u.getUp() : u.getDown();
        if (n.hasConv()) {
          layer.fail(role + ".conv", "an MLP (hidden) between stochastic layers", "a conv network");
        }
        NetworkChecks.network(layer.at(role), n);
      }
    }
    if (v.hasInference() && v.getUpperLayersCount() == 0) {
      at.fail("inference", "no inference order without upper_layers", v.getInference());
    }
    if (v.getUpperLayersCount() > 0) {
      if (v.hasConditional()) {
        at.fail("upper_layers", "none for a conditional model", v.getUpperLayersCount());
      }
      if (v.getPosterior().hasIaf() && v.getInference() == Inference.LADDER) {
        at.fail(
            "posterior",
            "gaussian with inference LADDER (its top-down merge is of Gaussians; iaf is for"
                + " BOTTOM_UP's top layer)",
            "iaf");
      }
    }
  }

  /**
   * The objective's own fields, and what it needs of the other parts: the ELBO's settings only
   * where they weigh a KL term, free bits per dimension only where the KL has a closed form per
   * dimension, a factorising posterior for the objectives made of its marginals.
   */
  private static void objective(Fields vae, VaeDef v) {
    Objective o = v.getObjective();
    Fields at = vae.at("objective");
    ElboSettings.check(o, at);
    if (o.hasFreeBits() && o.getFreeBits().getGroups() == FreeBits.Groups.PER_DIMENSION) {
      String noClosedForm =
          v.getPosterior().hasIaf()
              ? "posterior iaf (its"
              : v.getUpperLayersCount() > 0
                  ? "upper_layers (their"
                  : v.getPrior().hasMixture() || v.getPrior().hasVamp() || v.getPrior().hasRealNvp()
                      ? "prior "
                          + PartMessages.PRIORS.setField(v.getPrior()).orElseThrow()
                          + " (its"
                      : null;
      if (noClosedForm != null) {
        at.fail(
            "free_bits.groups",
            "TOTAL with " + noClosedForm + " KL has no closed form per latent dimension)",
            o.getFreeBits().getGroups());
      }
    }
    PartMessages.OBJECTIVES.check(o, at);
    var kind = o.getBoundCase();
    if (kind == Objective.BoundCase.ELBO || kind == Objective.BoundCase.BOUND_NOT_SET) {
      return;
    }
    String name = kind.name().toLowerCase(Locale.ROOT);
    if (o.hasWarmUp() || o.hasFreeBits() || o.getBeta() != 1f) {
      String setting = o.hasWarmUp() ? "warm_up" : o.hasFreeBits() ? "free_bits" : "beta";
      if (kind == Objective.BoundCase.IWAE && setting.equals("beta")) {
        at.fail(
            "beta",
            "1 with the iwae bound (the IWAE bound has no KL weight; use elbo {} for a beta-VAE)",
            o.getBeta());
      }
      at.unused(
          setting,
          kind == Objective.BoundCase.IWAE
              ? "not used with the iwae bound (it weights no KL term); remove it, or use elbo {}"
              : "not used with " + name + " (it weighs its own terms); remove it, or use elbo {}");
    }
    if ((kind == Objective.BoundCase.BETA_TCVAE || kind == Objective.BoundCase.DIP_VAE)
        && (v.getPosterior().hasIaf() || v.getUpperLayersCount() > 0)) {
      at.fail(
          name,
          "a diagonal Gaussian posterior (q(z|x) factorising over dimensions, one stochastic"
              + " layer)",
          v.getPosterior().hasIaf() ? "posterior iaf" : "upper_layers");
    }
  }

  /** IWAE's (or CIWAE's) k samples of every image in a batch go through the decoder in one step. */
  private static void samplesPerStep(Fields root, ModelDef d) {
    var o = d.getVae().getObjective();
    long k = o.hasIwae() ? o.getIwae().getK() : o.hasCiwae() ? o.getCiwae().getK() : 0;
    long batch = d.getTraining().getBatchSize();
    if (k * batch <= Fields.MAX_SAMPLES) {
      return;
    }
    long samples = k * batch;
    String memory =
        d.getData().hasFiles()
            ? ""
            : String.format(
                Locale.ROOT,
                "; the decoder's outputs alone would take %.1f GiB",
                samples * DataSettings.of(d.getData()).imageShape().size() * 4.0 / (1L << 30));
    root.fail(
        "vae.objective." + (o.hasIwae() ? "iwae" : "ciwae") + ".k",
        "k x training.batch_size <= " + Fields.MAX_SAMPLES + " image-samples a step" + memory,
        k + " x " + batch);
  }

  /**
   * Builds the VAE's networks' recipes for one image shape, so that a stack whose shapes do not fit
   * is refused here, naming the layer, rather than when training starts. The widths the networks
   * end in are the parts' own: the posterior family's parameters (the bottom layer's Gaussian under
   * upper layers) and the likelihood's.
   */
  static void shapes(Fields root, VaeDef v, Shape image) {
    Fields at = root.at("vae");
    int dim = Math.toIntExact(image.size());
    int classes = v.hasConditional() ? v.getConditional().getClasses() : 0;
    int latent = v.getLatentDim();
    int posteriorWidth =
        v.getUpperLayersCount() > 0
            ? 2 * latent
            : PartMessages.posterior(v.getPosterior()).parameterWidth(latent);
    int likelihoodWidth = PartMessages.likelihood(v.getLikelihood()).parameterWidth(dim);
    build(
        at.at("encoder"),
        NetworkSpecs.encoder(v.getEncoder(), image, posteriorWidth),
        "encoder",
        Shape.of(dim + classes));
    build(
        at.at("decoder"),
        NetworkSpecs.decoder(v.getDecoder(), image, likelihoodWidth),
        "decoder",
        Shape.of(latent + classes));
  }

  private static void build(Fields at, BlockSpec spec, String name, Shape input) {
    try {
      spec.outputShape(name, input);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new ModelDefinitionException(
          at.source() + ": " + at.path() + (m.startsWith("conv.") ? "." : ": ") + m);
    }
  }
}
