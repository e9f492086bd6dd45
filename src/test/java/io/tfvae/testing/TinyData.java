package io.tfvae.testing;

import io.tfvae.config.ModelDefinition;
import io.tfvae.data.ImageSet;
import java.util.SplittableRandom;

/** Small synthetic data sets and model definitions for fast tests. */
public final class TinyData {
  private TinyData() {}

  /** Images of {@code dim} pixels with structure (two prototypes plus noise), labels 0..9. */
  public static ImageSet images(int count, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] p = new byte[count * dim];
    byte[] l = new byte[count];
    for (int i = 0; i < count; i++) {
      int cls = r.nextInt(10);
      l[i] = (byte) cls;
      for (int j = 0; j < dim; j++) {
        boolean on = ((j + cls) % 3 == 0) ^ (r.nextDouble() < 0.1);
        p[i * dim + j] = (byte) (on ? 230 + r.nextInt(26) : r.nextInt(30));
      }
    }
    return new ImageSet(p, l, count, dim);
  }

  /**
   * Images of {@code dim} pixels whose bright bands (rows of 28) sit where the label says, dark
   * noise elsewhere; labels 0..9.
   */
  public static ImageSet bands(int count, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] p = new byte[count * dim];
    byte[] l = new byte[count];
    for (int i = 0; i < count; i++) {
      l[i] = (byte) r.nextInt(10);
      for (int j = 0; j < dim; j++) {
        p[i * dim + j] = (byte) (((j / 28 + l[i]) % 4 == 0) ? 200 + r.nextInt(56) : r.nextInt(20));
      }
    }
    return new ImageSet(p, l, count, dim);
  }

  /** A small VAE definition: z = 2, one hidden layer of 8, batch 10. */
  public static ModelDefinition tinyVae(long steps) {
    return ModelDefinition.parse(
        "name: 'tiny' vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }"
            + " training { batch_size: 10 steps: "
            + steps
            + " seed: 7 threads: 2"
            + " checkpoint_every: 10 log_every: 10 }",
        "tiny.pbtxt");
  }
}
