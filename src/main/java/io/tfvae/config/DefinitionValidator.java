package io.tfvae.config;

import io.tfvae.config.parts.Fields;
import io.tfvae.config.proto.ModelDef;
import org.tensorflow.ndarray.Shape;

/**
 * Checks a definition once, before any graph is built: every range, and every combination that
 * would make a setting meaningless. The first problem found is a one-line {@link
 * ModelDefinitionException}: {@code SOURCE: FIELD.PATH: expected ..., got ...}. Each part checks
 * its own fields ({@link io.tfvae.config.parts.PartMessages}); each model's checks are in a file of
 * their own.
 */
final class DefinitionValidator {
  private DefinitionValidator() {}

  static void validate(ModelDef d, String source) {
    Fields root = Fields.of(source);
    var binarization = d.getData().getBinarization();
    switch (d.getModelCase()) {
      case VAE:
        VaeChecks.check(root, d);
        if (!d.getData().hasFiles()) {
          // A file's shape is known when it is read: the model is built, and checked, then.
          VaeChecks.shapes(root, d.getVae(), DataSettings.of(d.getData()).imageShape());
        }
        break;
      case SSVAE:
        SsvaeChecks.check(root, d.getSsvae(), binarization);
        break;
      case CLASSIFIER:
        Fields at = root.at("classifier");
        at.positive("classes", d.getClassifier().getClasses());
        NetworkChecks.mlpOnly(at.at("network"), d.getClassifier().getNetwork());
        NetworkChecks.noWeightNorm(at.at("network"), d.getClassifier().getNetwork());
        break;
      case CATEGORICAL_VAE:
        CategoricalVaeChecks.check(root, d.getCategoricalVae(), binarization);
        break;
      default:
        root.fail(
            "model",
            "one of vae { ... }, ssvae { ... }, classifier { ... } or categorical_vae { ... } (what is trained)",
            "none");
    }
    TrainingChecks.check(root, d.getTraining());
    DataChecks.check(root, d.getData());
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
      VaeChecks.shapes(Fields.of(source), proto.getVae(), image);
    }
  }
}
