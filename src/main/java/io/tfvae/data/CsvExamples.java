package io.tfvae.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file of numbers as examples, one a row, every row the same length: integers 0..255 give
 * uint8 examples, anything with a fraction float32 ones that must lie in [0, 1]. A first row that
 * is not numeric is taken as a header; a byte-order mark before it (a spreadsheet's "CSV UTF-8") is
 * skipped. One column may hold each example's label (an integer 0..127). Cells are plain numbers
 * (no quoting), so the file is split on commas rather than through a CSV library. A bad cell is
 * named by its line in the file (header and blank lines counted, as an editor counts them), its
 * column and its own text.
 */
public final class CsvExamples {
  private CsvExamples() {}

  /**
   * Reads the file.
   *
   * @param file the file
   * @return the examples, {@code [N, D]}
   * @throws DataException naming the file, line and column of a ragged row or a non-numeric cell
   */
  public static ExampleFiles.Examples read(Path file) {
    return read(file, 0);
  }

  /**
   * Reads the file, one column holding the labels.
   *
   * @param file the file
   * @param labelColumn the labels' column (1 = the first), or 0 for none
   * @return the examples, {@code [N, D]}, D the row's other columns, with their labels
   * @throws DataException naming the file, line and column of a ragged row, a non-numeric cell or a
   *     label that is not an integer 0..127
   */
  public static ExampleFiles.Examples read(Path file, int labelColumn) {
    List<float[]> rows = new ArrayList<>();
    List<Byte> labels = new ArrayList<>();
    // What the rows so far say: their width, and a first fraction and a first integer above 1.
    var st =
        new Object() {
          Cell firstFraction;
          Cell firstAboveOne;
          int width = -1;
        };
    CsvLines.forEach(
        file,
        "numbers",
        (number, cells) -> {
          if (number == 1 && !looksNumeric(cells[0])) {
            return; // a header
          }
          if (st.width == -1) {
            st.width = cells.length;
          } else if (cells.length != st.width) {
            throw new DataException(
                file
                    + ": line "
                    + number
                    + " has "
                    + cells.length
                    + " values, expected "
                    + st.width);
          }
          if (labelColumn > st.width) {
            throw new DataException(
                file
                    + ": data.files.label_column is "
                    + labelColumn
                    + ", but line "
                    + number
                    + " has "
                    + st.width
                    + " columns");
          }
          float[] v = new float[st.width];
          for (int j = 0; j < st.width; j++) {
            Cell cell = new Cell(number, j + 1, cells[j].strip());
            try {
              v[j] = Float.parseFloat(cell.text());
            } catch (NumberFormatException e) {
              throw new DataException(
                  file + ": " + cell + ": '" + cell.text() + "' is not a number");
            }
            if (j == labelColumn - 1) {
              if (v[j] != Math.rint(v[j]) || v[j] < 0 || v[j] > 127 || cell.text().contains(".")) {
                throw new DataException(
                    String.format(
                        "%s: %s: label '%s', expected an integer 0..127", file, cell, cell.text()));
              }
              labels.add((byte) v[j]);
              continue;
            }
            // Integers 0..255 or numbers in [0, 1]: a cell that is neither is wrong in any file.
            boolean fraction = v[j] != Math.rint(v[j]) || cell.text().contains(".");
            if (!(v[j] >= 0 && v[j] <= (fraction ? 1 : 255))) {
              throw new DataException(
                  String.format(
                      "%s: %s is '%s', expected an integer 0..255 or a number in [0, 1]",
                      file, cell, cell.text()));
            }
            if (fraction && st.firstFraction == null) {
              st.firstFraction = cell;
            } else if (!fraction && v[j] > 1 && st.firstAboveOne == null) {
              st.firstAboveOne = cell;
            }
          }
          if (labelColumn > 0) {
            float[] values = new float[st.width - 1];
            System.arraycopy(v, 0, values, 0, labelColumn - 1);
            System.arraycopy(v, labelColumn, values, labelColumn - 1, st.width - labelColumn);
            v = values;
          }
          rows.add(v);
        });
    if (rows.isEmpty()) {
      throw new DataException(file + ": holds no rows of numbers");
    }
    if (st.firstFraction != null && st.firstAboveOne != null) {
      throw new DataException(
          String.format(
              "%s: %s is '%s' but %s is '%s': expected integers 0..255 or numbers in [0, 1],"
                  + " not both",
              file,
              st.firstAboveOne,
              st.firstAboveOne.text(),
              st.firstFraction,
              st.firstFraction.text()));
    }
    int n = rows.size();
    byte[] labelBytes = null;
    if (labelColumn > 0) {
      st.width--;
      labelBytes = new byte[n];
      for (int i = 0; i < n; i++) {
        labelBytes[i] = labels.get(i);
      }
    }
    if (st.width == 0) {
      throw new DataException(file + ": holds labels and no values");
    }
    if (st.firstFraction == null) {
      byte[] b = new byte[n * st.width];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < st.width; j++) {
          b[i * st.width + j] = (byte) (int) rows.get(i)[j];
        }
      }
      return new ExampleFiles.Examples(n, new int[] {st.width}, b, null, labelBytes);
    }
    float[] f = new float[n * st.width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, f, i * st.width, st.width);
    }
    return new ExampleFiles.Examples(n, new int[] {st.width}, null, f, labelBytes);
  }

  /**
   * A cell as the user finds it in an editor: its line in the file (1 = the first, a header and
   * blank lines counted) and its column (1 = the first, a label column counted), and its text.
   */
  private record Cell(int line, int column, String text) {
    @Override
    public String toString() {
      return "line " + line + ", column " + column;
    }
  }

  private static boolean looksNumeric(String cell) {
    try {
      Float.parseFloat(cell.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
