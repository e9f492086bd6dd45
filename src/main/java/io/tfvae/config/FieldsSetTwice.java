package io.tfvae.config;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TextFormatParseInfoTree;
import com.google.protobuf.TextFormatParseLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that sets a field twice: a singular field written twice, or two members of one {@code
 * oneof}. Protobuf's text format takes the last silently; the definition parser refuses it ({@code
 * FORBID_SINGULAR_OVERWRITES}), and this says where, by the field's path from the root, and with
 * both values as written.
 */
final class FieldsSetTwice {
  /** A field's name, its colon and its value as written: a quoted string or one token. */
  private static final Pattern VALUE =
      Pattern.compile(
          "[A-Za-z_]\\w*\\s*:?\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[^\\s,;{}\\[\\]#]+)");

  private FieldsSetTwice() {}

  /**
   * The second setting of a field (1-based line and column) and what to say about it.
   *
   * @param line where the second setting starts
   * @param column where on that line
   * @param message one line without the position
   */
  record Found(int line, int column, String message) {}

  /**
   * Finds the first field the text sets twice, in the order protobuf's parser would meet it.
   *
   * @param text text-format input
   * @param type the message it holds
   * @return the first second setting, or null when there is none (before a syntax error)
   */
  static Found first(String text, Descriptor type) {
    TextFormatParseInfoTree.Builder tree = TextFormatParseInfoTree.builder();
    try {
      TextFormat.Parser.newBuilder()
          .setParseInfoTreeBuilder(tree)
          .build()
          .merge(text, DynamicMessage.newBuilder(type));
    } catch (TextFormat.ParseException e) {
      // The tree holds what was read before the error, the part the caller's parser got through.
    }
    List<Found> found = new ArrayList<>();
    walk(tree.build(), type, "", text.split("\n", -1), found);
    return found.stream()
        .min(Comparator.comparingInt(Found::line).thenComparingInt(Found::column))
        .orElse(null);
  }

  private static void walk(
      TextFormatParseInfoTree tree,
      Descriptor type,
      String prefix,
      String[] lines,
      List<Found> out) {
    for (FieldDescriptor fd : type.getFields()) {
      List<TextFormatParseLocation> at = tree.getLocations(fd);
      String path = prefix + fd.getName();
      if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        List<TextFormatParseInfoTree> nested = tree.getNestedTrees(fd);
        for (int i = 0; i < nested.size(); i++) {
          String item = fd.isRepeated() ? path + "[" + i + "]" : path;
          walk(nested.get(i), fd.getMessageType(), item + ".", lines, out);
        }
      }
      if (fd.isRepeated() || at.size() < 2) {
        continue;
      }
      TextFormatParseLocation a = at.get(0);
      TextFormatParseLocation b = at.get(1);
      String was = value(lines, a);
      String now = value(lines, b);
      String message;
      if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        message =
            String.format(
                "field %s is set twice (lines %d and %d); write one %s { ... } block",
                path, a.getLine() + 1, b.getLine() + 1, fd.getName());
      } else if (was != null && now != null) {
        message =
            String.format(
                "field %s is set twice (%s on line %d, then %s on line %d); set it once",
                path, was, a.getLine() + 1, now, b.getLine() + 1);
      } else {
        message =
            String.format(
                "field %s is set twice (lines %d and %d); set it once",
                path, a.getLine() + 1, b.getLine() + 1);
      }
      out.add(new Found(b.getLine() + 1, b.getColumn() + 1, message));
    }
    for (OneofDescriptor oneof : type.getOneofs()) {
      List<FieldDescriptor> set = new ArrayList<>();
      for (FieldDescriptor fd : oneof.getFields()) {
        if (!tree.getLocations(fd).isEmpty()) {
          set.add(fd);
        }
      }
      if (set.size() < 2) {
        continue;
      }
      Comparator<FieldDescriptor> byPlace =
          Comparator.comparingInt((FieldDescriptor fd) -> tree.getLocation(fd, 0).getLine())
              .thenComparingInt(fd -> tree.getLocation(fd, 0).getColumn());
      set.sort(byPlace);
      TextFormatParseLocation a = tree.getLocation(set.get(0), 0);
      TextFormatParseLocation b = tree.getLocation(set.get(1), 0);
      StringBuilder members = new StringBuilder();
      for (FieldDescriptor fd : oneof.getFields()) {
        members.append(members.length() == 0 ? "" : ", ").append(fd.getName());
      }
      String holder = prefix.isEmpty() ? "a definition" : prefix.substring(0, prefix.length() - 1);
      out.add(
          new Found(
              b.getLine() + 1,
              b.getColumn() + 1,
              String.format(
                  "fields %s (line %d) and %s (line %d) are both set; %s holds one of %s; keep"
                      + " one",
                  prefix + set.get(0).getName(),
                  a.getLine() + 1,
                  prefix + set.get(1).getName(),
                  b.getLine() + 1,
                  holder,
                  members)));
    }
  }

  /** The value written after the field name at this place, or null when it is not on that line. */
  private static String value(String[] lines, TextFormatParseLocation at) {
    if (at.getLine() >= lines.length) {
      return null;
    }
    String line = lines[at.getLine()];
    Matcher m = VALUE.matcher(line);
    m.region(Math.min(at.getColumn(), line.length()), line.length());
    return m.lookingAt() ? m.group(1) : null;
  }
}
