package io.tfvae.tools;

import io.tfvae.data.Dsprites;
import io.tfvae.data.Factors;
import io.tfvae.tools.disentanglement.GroundTruth;
import java.util.SplittableRandom;

/**
 * Generated dSprites as the metrics' ground truth: its five varying factors (shape, scale,
 * orientation, x, y) and, for factor vectors, the images the framework renders for them (0/1
 * pixels, as a dSprites model reads them).
 */
final class DspritesFactors implements GroundTruth {
  private final int[] sizes = Dsprites.factorSizes();

  @Override
  public int factors() {
    return sizes.length;
  }

  @Override
  public int factorSize(int k) {
    return sizes[k];
  }

  @Override
  public String factorName(int k) {
    return Dsprites.FACTOR_NAMES.get(k);
  }

  @Override
  public int observationSize() {
    return Dsprites.IMAGE_DIM;
  }

  @Override
  public float[] observations(int[][] factors, SplittableRandom random) {
    int d = Dsprites.IMAGE_DIM;
    byte[] image = new byte[d];
    float[] out = new float[factors.length * d];
    for (int i = 0; i < factors.length; i++) {
      Dsprites.render(Factors.gridIndex(sizes, factors[i]), image, 0);
      for (int p = 0; p < d; p++) {
        out[i * d + p] = image[p] != 0 ? 1f : 0f;
      }
    }
    return out;
  }
}
