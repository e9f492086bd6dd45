package io.tfvae.nn;

import org.tensorflow.ndarray.Shape;

/** What every block states about itself: its name and its per-example input and output shapes. */
abstract class BaseBlock implements Block {
  private final String name;
  private final Shape input;
  private final Shape output;

  BaseBlock(String name, Shape input, Shape output) {
    this.name = name;
    this.input = input;
    this.output = output;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Shape inputShape() {
    return input;
  }

  @Override
  public final Shape outputShape() {
    return output;
  }
}
