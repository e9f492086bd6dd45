package io.tfvae.config.parts;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of one kind, found by the field a definition sets in the kind's {@code oneof} (the
 * schema's {@code Prior.kind}, {@code Objective.bound}, ...).
 *
 * @param <P> what the kind's parts make
 */
public final class PartRegistry<P> {
  private final String oneof;
  private final Map<String, PartMessage<?, P>> byField = new LinkedHashMap<>();
  private final Set<String> ownerFields;

  /**
   * @param oneof the oneof's name in the owning message
   * @param ownerFields fields whose part the owning message's own settings describe (the ELBO's β
   *     and warm-up sit on the objective): read as if the oneof were unset
   * @param parts one per other field of the oneof
   */
  PartRegistry(String oneof, Set<String> ownerFields, List<PartMessage<?, P>> parts) {
    this.oneof = oneof;
    this.ownerFields = Set.copyOf(ownerFields);
    for (PartMessage<?, P> p : parts) {
      if (byField.put(p.field(), p) != null) {
        throw new IllegalStateException("two parts read " + oneof + " field " + p.field());
      }
    }
  }

  /**
   * {@return the field set in the owner's oneof, if it names a registered part ("mixture")}
   *
   * @param owner the message that holds the oneof
   */
  public Optional<String> setField(Message owner) {
    return field(owner).map(FieldDescriptor::getName);
  }

  /** {@return the fields this registry reads, in the order they were registered} */
  public List<String> fields() {
    return List.copyOf(byField.keySet());
  }

  /**
   * Checks the set part's message; nothing when the oneof is unset (the default part).
   *
   * @param owner the message that holds the oneof
   * @param at the owner's place in the definition
   */
  public void check(Message owner, Fields at) {
    field(owner)
        .ifPresent(f -> checkPart(part(f), (Message) owner.getField(f), at.at(f.getName())));
  }

  /**
   * The part the owner's oneof names, or empty when it is unset.
   *
   * @param owner the message that holds the oneof
   * @param in what a part may need beyond its message
   * @return the part
   */
  public Optional<P> read(Message owner, PartInputs in) {
    return field(owner).map(f -> readPart(part(f), (Message) owner.getField(f), in));
  }

  private Optional<FieldDescriptor> field(Message owner) {
    OneofDescriptor o =
        owner.getDescriptorForType().getOneofs().stream()
            .filter(d -> d.getName().equals(oneof))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        owner.getDescriptorForType().getName() + " has no oneof " + oneof));
    return Optional.ofNullable(owner.getOneofFieldDescriptor(o))
        .filter(f -> !ownerFields.contains(f.getName()));
  }

  private PartMessage<?, P> part(FieldDescriptor f) {
    PartMessage<?, P> p = byField.get(f.getName());
    if (p == null) {
      // The schema gained a field without its part: a bug of the framework, not of the definition.
      throw new IllegalStateException(
          oneof + " field " + f.getName() + " has no part registered in PartMessages");
    }
    return p;
  }

  private static <M extends Message, P> void checkPart(
      PartMessage<M, P> part, Message message, Fields at) {
    part.check(part.messageType().cast(message), at);
  }

  private static <M extends Message, P> P readPart(
      PartMessage<M, P> part, Message message, PartInputs in) {
    return part.read(part.messageType().cast(message), in);
  }
}
