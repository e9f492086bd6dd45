package io.tfvae.nn;

/** How a convolution treats the image border (TensorFlow's and Keras' two choices). */
public enum Padding {
  /** Zero-padded so that the output has ceil(size / stride) positions per axis. */
  SAME,
  /** No padding: ceil((size − kernel + 1) / stride) positions per axis. */
  VALID;

  /**
   * Output positions along one axis.
   *
   * @param size input positions
   * @param kernel kernel size
   * @param stride stride
   * @return output positions (0 or less: the kernel does not fit)
   */
  long outputSize(long size, int kernel, int stride) {
    long span = this == SAME ? size : size - kernel + 1;
    return span <= 0 ? 0 : (span + stride - 1) / stride;
  }
}
