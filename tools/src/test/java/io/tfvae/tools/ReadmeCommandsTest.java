package io.tfvae.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tfvae.cli.BenchCommand;
import io.tfvae.cli.TrainCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command the documents show in a {@code sh} block parses: the launchers' own picocli parsers
 * read its flags, so a renamed or removed option cannot linger in a README.
 */
class ReadmeCommandsTest {
  private static final List<String> DOCUMENTS =
      List.of(
          "../README.md",
          "../src/README.md",
          "../tools/README.md",
          "../model-defs/README.md",
          "../savedmodels/README.md");

  @Test
  void everyLauncherCommandInTheReadmesParses() throws IOException {
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (String doc : DOCUMENTS) {
      for (String command : shellCommands(Path.of(doc))) {
        List<String> words = words(command);
        if (words.isEmpty() || words.contains("...")) {
          continue;
        }
        CommandLine parser = parser(words.get(0));
        if (parser == null) {
          continue;
        }
        try {
          parser.parseArgs(words.subList(1, words.size()).toArray(new String[0]));
          checked++;
        } catch (CommandLine.ParameterException e) {
          failures.add(doc + ": " + command + " -> " + e.getMessage());
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked >= 8, "commands checked: " + checked);
  }

  private static CommandLine parser(String launcher) {
    switch (launcher) {
      case "src/bin/tfvae-train":
        return new CommandLine(new TrainCommand());
      case "src/bin/tfvae-bench":
        return new CommandLine(new BenchCommand());
      case "tools/bin/tfvae":
        return new CommandLine(TfvaeCli.class);
      default:
        return null;
    }
  }

  /** The commands of a document's sh blocks: continuation lines joined, && chains split. */
  static List<String> shellCommands(Path doc) throws IOException {
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inBlock = line.equals("```sh");
        continue;
      }
      if (!inBlock) {
        continue;
      }
      String code = line.replaceAll("\\s+#.*$", "").strip();
      if (code.endsWith("\\")) {
        current.append(code, 0, code.length() - 1).append(' ');
        continue;
      }
      current.append(code);
      for (String part : current.toString().split("&&")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      current.setLength(0);
    }
    return out;
  }

  /** Shell words: whitespace-separated, with single and double quotes grouping. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || w.length() > 0) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
      }
    }
    if (any || w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
