package io.tfvae.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A user's file of ground-truth factors beside a file of examples: a {@code .npy} [N, K] array of
 * integers, or a CSV file whose header row names the K factors and whose rows hold each example's
 * value indices 0, 1, ... A factor's number of values is one more than its largest.
 */
public final class FactorFiles {
  private FactorFiles() {}

  /**
   * Reads the factors of {@code count} examples.
   *
   * @param file a {@code .npy} or {@code .csv} file
   * @param count the number of examples they describe
   * @return the factors
   * @throws DataException naming the file and what is wrong with it
   */
  public static Factors read(Path file, int count) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Factors f;
    if (name.endsWith(".npy")) {
      f = Factors.readNpy(file, null);
    } else if (name.endsWith(".csv")) {
      f = readCsv(file);
    } else {
      throw new DataException(
          file + ": factors must be a .npy [N, K] array of integers or a .csv file with a header");
    }
    if (f.count() != count) {
      throw new DataException(
          file
              + ": holds the factors of "
              + f.count()
              + " examples, expected "
              + count
              + " (one row per example)");
    }
    return f;
  }

  private static Factors readCsv(Path file) {
    List<String> names = new ArrayList<>();
    List<int[]> rows = new ArrayList<>();
    CsvLines.forEach(
        file,
        "factors",
        (number, cells) -> {
          if (names.isEmpty()) {
            names.addAll(header(file, cells));
            return;
          }
          if (cells.length != names.size()) {
            throw new DataException(
                file
                    + ": line "
                    + number
                    + " has "
                    + cells.length
                    + " values, expected "
                    + names.size()
                    + " (one per factor of the header)");
          }
          int[] v = new int[cells.length];
          for (int j = 0; j < cells.length; j++) {
            String cell = cells[j].strip();
            try {
              v[j] = Integer.parseInt(cell);
            } catch (NumberFormatException e) {
              v[j] = -1;
            }
            if (v[j] < 0) {
              throw new DataException(
                  String.format(
                      "%s: line %d, column %d (%s) is '%s', expected a value index 0, 1, ...",
                      file, number, j + 1, names.get(j), cell));
            }
          }
          rows.add(v);
        });
    if (names.isEmpty()) {
      throw new DataException(file + ": empty, expected a header row of factor names");
    }
    int k = names.size();
    int[] sizes = new int[k];
    Arrays.fill(sizes, 1);
    int[] values = new int[rows.size() * k];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < k; j++) {
        values[i * k + j] = rows.get(i)[j];
        sizes[j] = Math.max(sizes[j], rows.get(i)[j] + 1);
      }
    }
    return Factors.of(names, sizes, values);
  }

  /** The header's names: one per column, none blank or numeric (a file without a header). */
  private static List<String> header(Path file, String[] cells) {
    List<String> names = new ArrayList<>();
    for (String c : cells) {
      String name = c.strip();
      if (name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
        throw new DataException(
            file
                + ": line 1 is '"
                + String.join(",", cells)
                + "', expected a header row naming each factor (shape,scale,...)");
      }
      names.add(name);
    }
    return names;
  }
}
