package io.tfvae.config.parts;

import com.google.protobuf.Message;

/**
 * One part as a definition writes it: the schema message that names it, what its fields must hold,
 * and the framework part it makes. A part reachable from a {@code .pbtxt} is this file beside its
 * own code, one entry in the schema's {@code oneof} and one line in {@link PartMessages}.
 *
 * @param <M> the schema message
 * @param <P> the part it makes (an objective, a prior's factory, a block's recipe, ...)
 */
public interface PartMessage<M extends Message, P> {
  /** {@return the message's field name in its oneof, as a definition writes it ("beta_tcvae")} */
  String field();

  /** {@return the message's generated class} */
  Class<M> messageType();

  /**
   * Refuses a value out of range, naming the field: {@code at.positive("components", ...)}.
   *
   * @param message the part's message
   * @param at the message's place in the definition
   */
  default void check(M message, Fields at) {}

  /**
   * The part the message describes; {@link #check} has passed.
   *
   * @param message the part's message
   * @param in what the part may need beyond its message
   * @return the part
   */
  P read(M message, PartInputs in);
}
