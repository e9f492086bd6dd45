package io.tfvae.data;

import io.tfvae.util.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a CSV file of plain cells, as the user's CSV readers take them: UTF-8, a byte-order
 * mark before the first line skipped (a spreadsheet's "CSV UTF-8"), blank lines skipped, each line
 * split on commas (cells are plain numbers or names, never quoted). Lines are numbered as an editor
 * counts them, blank ones included.
 */
final class CsvLines {
  private CsvLines() {}

  /** What a reader does with one line. */
  interface Row {
    /**
     * @param number the line's number (1 = the first)
     * @param cells its cells, as written
     */
    void accept(int number, String[] cells);
  }

  /**
   * Hands every non-blank line of the file to {@code row}, in order.
   *
   * @param file the file
   * @param what what the file should hold, for the message on non-UTF-8 text ("numbers")
   * @param row what to do with each line
   * @throws DataException naming the file when it cannot be read
   */
  static void forEach(Path file, String what, Row row) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (number == 1) {
          line = TextFiles.withoutBom(line);
        }
        if (!line.isBlank()) {
          row.accept(number, line.split(",", -1));
        }
      }
    } catch (MalformedInputException e) {
      throw new DataException(file + ": not UTF-8 text, expected a CSV file of " + what);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
