package io.tfvae.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.tfvae.data.ImageShape;
import java.nio.file.Path;

/**
 * How a model's flat outputs are drawn: height × width × channels from the manifest's {@code
 * image_shape} (the data's own shape), else a square grey or RGB picture inferred from the width,
 * each pixel drawn {@code scale} times across.
 *
 * @param height rows
 * @param width columns
 * @param channels 1 or 3
 * @param scale grid pixels per image pixel
 */
record Picture(int height, int width, int channels, int scale) {
  /**
   * The picture of a model's images.
   *
   * @param model the SavedModel (for messages)
   * @param manifest its manifest
   * @param dim values per image
   * @param scale {@code --scale}
   * @return the picture
   */
  static Picture of(Path model, JsonObject manifest, int dim, int scale) {
    if (scale < 1 || scale > 16) {
      throw new ToolException("--scale: expected 1..16, got " + scale);
    }
    if (manifest.has("image_shape") && manifest.get("image_shape").isJsonArray()) {
      JsonArray a = manifest.getAsJsonArray("image_shape");
      if (a.size() == 3) {
        int h = a.get(0).getAsInt();
        int w = a.get(1).getAsInt();
        int c = a.get(2).getAsInt();
        if (h * w * c == dim && (c == 1 || c == 3)) {
          return new Picture(h, w, c, scale);
        }
        throw new ToolException(
            model
                + ": image_shape "
                + a
                + " in the manifest is not a picture of these "
                + dim
                + " values with 1 or 3 channels");
      }
    }
    try {
      ImageShape s = ImageShape.of(dim);
      return new Picture(s.side(), s.side(), s.channels(), scale);
    } catch (io.tfvae.data.DataException e) {
      throw new ToolException(
          model
              + ": its "
              + dim
              + " values per example are not a picture (no image_shape in the manifest, and not"
              + " a square grey or RGB image)");
    }
  }
}
