package io.tfvae.models;

import io.tfvae.config.ModelDefinition;
import io.tfvae.config.proto.ModelDef;
import io.tfvae.data.ImageSet;
import org.tensorflow.ndarray.Shape;

/**
 * The one place that maps a model definition to a model class: the {@code model} case of the
 * definition picks the class, which reads its own typed message.
 */
public final class Models {
  private Models() {}

  /**
   * The factory of a definition's model.
   *
   * @param definition the definition
   * @param dataDim size of x (784 for MNIST, 3072 for SVHN)
   * @return a factory that builds the model into a graph
   */
  public static ModelFactory factory(ModelDefinition definition, int dataDim) {
    return build(definition, dataDim, null, null);
  }

  /**
   * The factory of a definition's model whose parts may start from the training images (a
   * VampPrior's pseudo-inputs with {@code init: TRAINING_IMAGES}); the trainer uses this one.
   *
   * @param definition the definition
   * @param trainingImages the training images
   * @return a factory that builds the model into a graph
   */
  public static ModelFactory factory(ModelDefinition definition, ImageSet trainingImages) {
    return build(definition, trainingImages.dim(), trainingImages, null);
  }

  /**
   * The factory of a definition's model, for images of a known shape (a user's file's).
   *
   * @param definition the definition
   * @param trainingImages the training images
   * @param imageShape one image's [H, W, C], or null to lay it out from the width
   * @return a factory that builds the model into a graph
   */
  public static ModelFactory factory(
      ModelDefinition definition, ImageSet trainingImages, Shape imageShape) {
    return build(definition, trainingImages.dim(), trainingImages, imageShape);
  }

  private static ModelFactory build(
      ModelDefinition definition, int dataDim, ImageSet trainingImages, Shape imageShape) {
    Shape image = imageShape != null ? imageShape : definition.data().imageShape(dataDim);
    ModelDef d = definition.proto();
    if (imageShape != null) {
      definition.requireNetworksFit(imageShape);
    }
    switch (d.getModelCase()) {
      case VAE:
        return Parts.vae(d.getVae(), image, trainingImages);
      case SSVAE:
        return params -> new Ssvae(d.getSsvae(), dataDim, params);
      case CLASSIFIER:
        return params -> new Classifier(d.getClassifier(), dataDim, params);
      case CATEGORICAL_VAE:
        return params -> new CategoricalVae(d.getCategoricalVae(), dataDim, params);
      default:
        // The validator refuses a definition without a model, so this is a bug.
        throw new IllegalStateException(
            definition.source() + ": no model case " + d.getModelCase());
    }
  }
}
