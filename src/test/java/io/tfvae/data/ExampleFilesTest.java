package io.tfvae.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG folders and CSV files of examples, good and bad. */
class ExampleFilesTest {
  @TempDir Path tmp;

  private static void png(Path file, int w, int h, int type, int value) throws Exception {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
          img.getRaster().setSample(x, y, 0, value);
        } else {
          img.setRGB(x, y, value << 16);
        }
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void aPngFolderReadsInPathOrderWithClassSubfolders() throws Exception {
    Path dir = tmp.resolve("pngs");
    png(dir.resolve("b/0.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY, 200);
    png(dir.resolve("a/1.png"), 3, 2, BufferedImage.TYPE_BYTE_GRAY, 10);
    var e = ExampleFiles.read(dir);
    assertEquals(2, e.count());
    assertArrayEquals(new int[] {2, 3}, e.shape());
    assertEquals(10, e.bytes()[0] & 0xff, "a/1.png comes first");
    assertEquals(200, e.bytes()[6] & 0xff);

    Path rgb = tmp.resolve("rgb");
    png(rgb.resolve("0.png"), 2, 2, BufferedImage.TYPE_INT_RGB, 255);
    var c = ExampleFiles.read(rgb);
    assertArrayEquals(new int[] {2, 2, 3}, c.shape());
    assertEquals(255, c.bytes()[0] & 0xff);
    assertEquals(0, c.bytes()[1]);

    png(dir.resolve("c/2.png"), 4, 2, BufferedImage.TYPE_BYTE_GRAY, 0);
    assertEquals(
        dir.resolve("c/2.png")
            + ": 4 x 2 with 1 channel(s), expected 3 x 2 with 1 like "
            + dir.resolve("a/1.png"),
        assertThrows(DataException.class, () -> ExampleFiles.read(dir)).getMessage());
    Files.delete(dir.resolve("c/2.png"));
    Files.writeString(dir.resolve("c/3.png"), "not an image");
    assertEquals(
        dir.resolve("c/3.png") + ": not a PNG image",
        assertThrows(DataException.class, () -> ExampleFiles.read(dir)).getMessage());
  }

  @Test
  void csvRowsAreExamplesAndBadCellsAreNamed() throws Exception {
    Path ints = Files.writeString(tmp.resolve("ints.csv"), "a,b,c\n0,128,255\n1,2,3\n");
    var e = ExampleFiles.read(ints);
    assertEquals(2, e.count());
    assertArrayEquals(new int[] {3}, e.shape());
    assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 1, 2, 3}, e.bytes());
    Path floats = Files.writeString(tmp.resolve("floats.csv"), "0.5,0.25\n1.0,0\n");
    var f = ExampleFiles.read(floats);
    assertNull(f.bytes());
    assertArrayEquals(new float[] {0.5f, 0.25f, 1f, 0f}, f.floats());

    Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "1,2,3\n4,5\n");
    assertEquals(
        ragged + ": line 2 has 2 values, expected 3",
        assertThrows(DataException.class, () -> ExampleFiles.read(ragged)).getMessage());
    Path word = Files.writeString(tmp.resolve("word.csv"), "1,2\n3,x\n");
    assertEquals(
        word + ": line 2, column 2: 'x' is not a number",
        assertThrows(DataException.class, () -> ExampleFiles.read(word)).getMessage());
    Path big = Files.writeString(tmp.resolve("big.csv"), "1,256\n");
    assertEquals(
        big + ": line 1, column 2 is '256', expected an integer 0..255 or a number in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(big)).getMessage());
    Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
    assertEquals(
        empty + ": holds no rows of numbers",
        assertThrows(DataException.class, () -> ExampleFiles.read(empty)).getMessage());
  }

  /** A spreadsheet's "CSV UTF-8" starts with a byte-order mark, which must not hide row 1. */
  @Test
  void aCsvByteOrderMarkIsSkipped() throws Exception {
    Path f = tmp.resolve("bom.csv");
    Files.write(f, "\uFEFF1,2\n3,4\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var e = ExampleFiles.read(f);
    assertEquals(2, e.count(), "the first row is data, not a header");
    assertArrayEquals(new byte[] {1, 2, 3, 4}, e.bytes());
    Path header = tmp.resolve("bom-header.csv");
    Files.write(header, "\uFEFFa,b\n3,4\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {3, 4}, ExampleFiles.read(header).bytes());
  }

  /**
   * A bad cell is named by the line an editor shows (the header and blank lines count), its column
   * and its own text, whichever of uint8 or float32 the rest of the file reads as.
   */
  @Test
  void aBadCsvCellIsNamedByLineColumnAndItsOwnText() throws Exception {
    Path nan = Files.writeString(tmp.resolve("nan.csv"), "a,b,c\n0.5,0.25,0\n\n1,NaN,0.5\n");
    assertEquals(
        nan + ": line 4, column 2 is 'NaN', expected an integer 0..255 or a number in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(nan)).getMessage());
    Path over = Files.writeString(tmp.resolve("over.csv"), "a,b\n0.5,0.25\n1,1.50\n");
    assertEquals(
        over + ": line 3, column 2 is '1.50', expected an integer 0..255 or a number in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(over)).getMessage());
    Path negative = Files.writeString(tmp.resolve("neg.csv"), "0,1\n2, -3\n");
    assertEquals(
        negative + ": line 2, column 2 is '-3', expected an integer 0..255 or a number in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(negative)).getMessage());
    // A fraction makes the file float32, and then an integer above 1 does not fit: both named.
    Path mixed = Files.writeString(tmp.resolve("mixed.csv"), "p0,p1\n0,200\n\n4,0.5\n");
    assertEquals(
        mixed
            + ": line 2, column 2 is '200' but line 4, column 2 is '0.5': expected integers"
            + " 0..255 or numbers in [0, 1], not both",
        assertThrows(DataException.class, () -> ExampleFiles.read(mixed)).getMessage());
  }

  /** An integer too large for any type is shown as written, not clamped to 2^63 - 1. */
  @Test
  void aHugeCsvIntegerIsShownAsWritten() throws Exception {
    Path huge = Files.writeString(tmp.resolve("huge.csv"), "x,y\n1,2\n3,12345678901234567890\n");
    assertEquals(
        huge
            + ": line 3, column 2 is '12345678901234567890', expected an integer 0..255 or a"
            + " number in [0, 1]",
        assertThrows(DataException.class, () -> ExampleFiles.read(huge)).getMessage());
  }

  @Test
  void aCsvLabelColumnGivesLabelsAndTheOtherColumnsValues() throws Exception {
    Path f = Files.writeString(tmp.resolve("l.csv"), "p0,label,p1\n10,3,20\n30,0,255\n");
    var e = CsvExamples.read(f, 2);
    assertArrayEquals(new int[] {2}, e.shape());
    assertArrayEquals(new byte[] {10, 20, 30, (byte) 255}, e.bytes());
    assertArrayEquals(new byte[] {3, 0}, e.labels());
    ImageSet images = ExampleFiles.images(f, ExampleFiles.Loading.AUTO, 2).images();
    assertEquals(3, images.label(0));

    Path bad = Files.writeString(tmp.resolve("b.csv"), "10,3,20\n30,0.5,255\n");
    assertEquals(
        bad + ": line 2, column 2: label '0.5', expected an integer 0..127",
        assertThrows(DataException.class, () -> CsvExamples.read(bad, 2)).getMessage());
    Path big = Files.writeString(tmp.resolve("v.csv"), "10,3,256\n");
    assertEquals(
        big + ": line 1, column 3 is '256', expected an integer 0..255 or a number in [0, 1]",
        assertThrows(DataException.class, () -> CsvExamples.read(big, 2)).getMessage());
    // Line 4 of the file (header and blank line counted), column 1 as written (label column too).
    Path far = Files.writeString(tmp.resolve("far.csv"), "p0,label,p1\n1,0,2\n\n0.5,1,3\n");
    assertEquals(
        far
            + ": line 2, column 3 is '2' but line 4, column 1 is '0.5': expected integers 0..255"
            + " or numbers in [0, 1], not both",
        assertThrows(DataException.class, () -> CsvExamples.read(far, 2)).getMessage());
    Path huge = Files.writeString(tmp.resolve("h.csv"), "1,2,3\n4,99999999999999999999,6\n");
    assertEquals(
        huge + ": line 2, column 2: label '99999999999999999999', expected an integer 0..127",
        assertThrows(DataException.class, () -> CsvExamples.read(huge, 2)).getMessage());
    assertEquals(
        f + ": data.files.label_column is 4, but line 2 has 3 columns",
        assertThrows(DataException.class, () -> CsvExamples.read(f, 4)).getMessage());
    Path npy = tmp.resolve("x.npy");
    assertEquals(
        npy + ": data.files.label_column is for CSV files; this is not one (.csv)",
        assertThrows(
                DataException.class, () -> ExampleFiles.images(npy, ExampleFiles.Loading.AUTO, 1))
            .getMessage());
  }
}
