package io.tfvae.config;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.tfvae.config.proto.ModelDef;

/**
 * Sets one field of a {@link ModelDef} by its dotted path from the root, as {@code --set
 * FIELD=VALUE} does. Scalars take their text form ({@code 500}, {@code 1e-3}, {@code ELU}),
 * repeated scalars a comma-separated list ({@code 300,300}), messages a text-format fragment
 * ({@code vae.objective=iwae { k: 5 }}), and an empty value clears the field back to its default
 * (or, for a message, removes it). Setting a member of a {@code oneof} replaces the member that was
 * set, as protobuf does.
 */
final class FieldOverrides {
  private FieldOverrides() {}

  /**
   * Returns the proto with one field set.
   *
   * @param proto the definition
   * @param fieldPath dotted path, for example {@code training.steps}
   * @param value the new value in text form
   * @return the new proto (not yet validated)
   * @throws ModelDefinitionException naming the path when it or the value is wrong
   */
  static ModelDef apply(ModelDef proto, String fieldPath, String value) {
    ModelDef.Builder root = proto.toBuilder();
    String[] parts = fieldPath.split("\\.", -1);
    Message.Builder cur = root;
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor fd = cur.getDescriptorForType().findFieldByName(parts[i]);
      if (fd == null) {
        throw new ModelDefinitionException(
            "override "
                + fieldPath
                + ": "
                + cur.getDescriptorForType().getFullName()
                + " has no field '"
                + parts[i]
                + "'; fields: "
                + fieldNames(cur));
      }
      if (i < parts.length - 1) {
        if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE || fd.isRepeated()) {
          throw new ModelDefinitionException(
              "override " + fieldPath + ": '" + parts[i] + "' is not a message field");
        }
        cur = cur.getFieldBuilder(fd);
      } else if (value.isBlank()) {
        cur.clearField(fd);
      } else {
        set(cur, fd, value, fieldPath);
      }
    }
    return root.build();
  }

  private static void set(Message.Builder b, FieldDescriptor fd, String value, String path) {
    try {
      if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message.Builder sub = b.newBuilderForField(fd);
        DefinitionSources.merge(value, sub);
        b.setField(fd, sub.build());
      } else if (fd.isRepeated()) {
        b.clearField(fd);
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            b.addRepeatedField(fd, parseScalar(fd, item.trim()));
          }
        }
      } else {
        b.setField(fd, parseScalar(fd, value.trim()));
      }
    } catch (TextFormat.ParseException | IllegalArgumentException e) {
      throw new ModelDefinitionException(
          "override "
              + path
              + ": expected "
              + describeType(fd)
              + ", got '"
              + value
              + "'"
              + (e instanceof TextFormat.ParseException ? " (" + e.getMessage() + ")" : ""));
    }
  }

  private static Object parseScalar(FieldDescriptor fd, String v) {
    switch (fd.getJavaType()) {
      case INT:
        return Integer.parseInt(v);
      case LONG:
        return Long.parseLong(v);
      case FLOAT:
        return Float.parseFloat(v);
      case DOUBLE:
        return Double.parseDouble(v);
      case BOOLEAN:
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException(v);
        }
        return Boolean.parseBoolean(v);
      case STRING:
        return v;
      case ENUM:
        EnumValueDescriptor ev = fd.getEnumType().findValueByName(v);
        if (ev == null) {
          throw new IllegalArgumentException(v);
        }
        return ev;
      default:
        throw new IllegalArgumentException(v);
    }
  }

  private static String describeType(FieldDescriptor fd) {
    switch (fd.getJavaType()) {
      case ENUM:
        StringBuilder sb = new StringBuilder("one of");
        fd.getEnumType().getValues().stream()
            .filter(v -> v.getNumber() != 0)
            .forEach(v -> sb.append(' ').append(v.getName()));
        return sb.toString();
      case MESSAGE:
        return "a text-format " + fd.getMessageType().getName() + " message";
      case BOOLEAN:
        return "true or false";
      case INT:
      case LONG:
        return fd.isRepeated() ? "comma-separated integers" : "an integer";
      case FLOAT:
      case DOUBLE:
        return fd.isRepeated() ? "comma-separated numbers" : "a number";
      default:
        return fd.isRepeated() ? "comma-separated strings" : "a string";
    }
  }

  private static String fieldNames(Message.Builder b) {
    StringBuilder sb = new StringBuilder();
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.getName());
    }
    return sb.toString();
  }
}
