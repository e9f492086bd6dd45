package io.tfvae.distributions;

import io.tfvae.data.ImageSet;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Starting values of a VampPrior's pseudo-inputs taken from the training images (Tomczak and
 * Welling 2018, section 4: "initialized with randomly selected training points"): K distinct images
 * drawn by the variable's key, as logits a = log(u / (1 − u)) of u = the [0, 1] pixels clipped to
 * [0.05, 0.95], since the prior uses u = sigmoid(a) and a 0 or 1 pixel would need an infinite
 * logit.
 */
public final class PseudoInputs {
  static final float CLIP = 0.05f;

  private PseudoInputs() {}

  /**
   * The initial logits of K training images.
   *
   * @param images the training images, or null when the model is built without them
   * @param components K
   * @return a's values [K * D] as a function of the variable's key
   */
  public static LongFunction<float[]> fromImages(ImageSet images, int components) {
    return key -> {
      if (images == null) {
        throw new IllegalStateException(
            "vae.prior.vamp.init: TRAINING_IMAGES needs the training images; build the model with"
                + " Models.factory(definition, trainingImages)");
      }
      if (components > images.count()) {
        throw new io.tfvae.config.ModelDefinitionException(
            "vae.prior.vamp.components: expected at most "
                + images.count()
                + " (the training images) with init TRAINING_IMAGES, got "
                + components);
      }
      int[] chosen = distinct(images.count(), components, new SplittableRandom(key));
      int dim = images.dim();
      float[] pixels = new float[components * dim];
      images.gatherScaled(chosen, pixels);
      for (int i = 0; i < pixels.length; i++) {
        float u = Math.min(Math.max(pixels[i], CLIP), 1 - CLIP);
        pixels[i] = (float) Math.log(u / (1.0 - u));
      }
      return pixels;
    };
  }

  /** The first k of a seeded Fisher-Yates shuffle of 0..n-1. */
  static int[] distinct(int n, int k, SplittableRandom random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, k);
  }
}
