package io.tfvae.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class UtilTest {
  @TempDir Path tmp;

  @Command(name = "prog", subcommands = Sub.class)
  static final class Prog {}

  @Command(name = "sub")
  static final class Sub implements Callable<Integer> {
    static Exception toThrow;

    @Override
    public Integer call() throws Exception {
      throw toThrow;
    }
  }

  private static int run(Exception e, StringWriter err) {
    Sub.toThrow = e;
    CommandLine cmd = new CommandLine(new Prog());
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(new Errors());
    return cmd.execute("sub");
  }

  @Test
  void aUsersMistakeIsOneLineAndExitOneWhileABugKeepsItsStackTrace() {
    StringWriter err = new StringWriter();
    assertEquals(1, run(new TfvaeException("f.pbtxt: x: expected 1, got 2\nnative detail"), err));
    assertEquals(
        "prog sub: error: f.pbtxt: x: expected 1, got 2\n", err.toString().replace("\r", ""));
    // Not ours: picocli's default then prints the stack trace and exits with its error code.
    StringWriter bug = new StringWriter();
    NullPointerException npe = new NullPointerException("a bug");
    assertEquals(1, run(npe, bug));
    assertTrue(bug.toString().contains("java.lang.NullPointerException: a bug"), bug.toString());
    assertTrue(bug.toString().contains("\tat "), "with its stack trace: " + bug);
  }

  @Test
  void theFirstLineIsTheFirstNonBlankOne() {
    assertEquals("b", Messages.firstLine("\n  \n  b \nc"));
    assertEquals("unknown error", Messages.firstLine(null));
    assertEquals("unknown error", Messages.firstLine(" \n"));
  }

  @Test
  void atomicWritesLeaveNoTemporariesAndOrdinaryPermissions() throws Exception {
    Path f = tmp.resolve("a/b.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    // A failing writer leaves the old content and no temporary.
    assertThrows(
        java.io.IOException.class,
        () ->
            AtomicFiles.write(
                f,
                t -> {
                  Files.writeString(t, "half");
                  throw new java.io.IOException("disk full");
                }));
    assertEquals("two", Files.readString(f));
    try (var s = Files.list(f.getParent())) {
      assertEquals(1, s.count());
    }
    // A directory replaced whole: the new version in place, the earlier version gone. (Whether
    // a directory may be replaced is the caller's question: see ExportTarget.)
    Path target = Files.createDirectories(tmp.resolve("d"));
    Files.writeString(target.resolve("old"), "the earlier version");
    Path complete = Files.createTempDirectory(tmp, ".d.tmp-");
    Files.writeString(complete.resolve("new"), "y");
    AtomicFiles.replaceDirectory(complete, target);
    assertTrue(Files.exists(target.resolve("new")));
    assertFalse(Files.exists(target.resolve("old")));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (var s = Files.list(tmp)) {
      assertEquals(2, s.count(), "a and d, nothing else");
    }
  }

  @Test
  void aGridPutsImageKAtRowKOverColsClippedToZeroOne() {
    float[] px = new float[3 * 784];
    px[784] = 2f; // image 1, pixel (0, 0): clipped to 1
    px[2 * 784 + 1] = -1f; // image 2, pixel (0, 1): clipped to 0
    ImageGrid g = ImageGrid.tile(px, 3, 784, 2, 2, 0);
    assertEquals(56, g.width());
    assertEquals(56, g.height());
    assertEquals((byte) 255, g.values()[28]); // row 0, x = 28: image 1's first pixel
    assertEquals(0, g.values()[28 * 56 + 1]); // row 28, x = 1: image 2's second pixel
    assertSame(1, g.channels());
  }

  @Test
  void theOnednnInstructionSetIsTheWidestTheFlagsAllow() {
    java.util.Set<String> avx512 =
        java.util.Set.of("avx2", "avx512f", "avx512bw", "avx512vl", "avx512dq");
    assertEquals("avx2", MachineInfo.onednnIsa(java.util.Set.of("sse4_1", "avx2")));
    assertEquals("avx512_core", MachineInfo.onednnIsa(avx512));
    java.util.Set<String> bf16 = new java.util.HashSet<>(avx512);
    bf16.add("avx512_vnni");
    assertEquals("avx512_core_vnni", MachineInfo.onednnIsa(bf16));
    bf16.add("avx512_bf16");
    assertEquals("avx512_core_bf16", MachineInfo.onednnIsa(bf16));
    bf16.add("amx_tile");
    bf16.add("amx_bf16");
    assertEquals("avx512_core_amx", MachineInfo.onednnIsa(bf16));
    assertEquals("unknown", MachineInfo.onednnIsa(java.util.Set.of()));
  }

  /** Notepad and spreadsheet programs start UTF-8 files with a byte-order mark; JSON may not. */
  @Test
  void aByteOrderMarkIsNotPartOfTheText() throws Exception {
    Path json = tmp.resolve("bom.json");
    Files.write(json, "\uFEFF{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String text = TextFiles.readUtf8(json);
    assertEquals("{\"a\": 1}", text);
    assertEquals(
        1, com.google.gson.JsonParser.parseString(text).getAsJsonObject().get("a").getAsInt());
    assertEquals("a,b", TextFiles.withoutBom("\uFEFFa,b"));
    assertEquals("", TextFiles.withoutBom(""));
  }

  @Test
  void readersProblemsAreDescribedWithoutClassNames() throws Exception {
    Path bad = tmp.resolve("latin1.txt");
    Files.write(bad, new byte[] {'a', 'b', (byte) 0xe9, 'c'});
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> TextFiles.readUtf8(bad));
    assertEquals("not UTF-8 text (byte 2 is 0xe9)", e.getMessage());
    assertEquals("not UTF-8 text (byte 2 is 0xe9)", Messages.describe(e));

    var cut =
        assertThrows(
            com.google.gson.JsonParseException.class,
            () -> com.google.gson.JsonParser.parseString("{\"a\": [1, 2"));
    assertEquals("not valid JSON: it ends early (line 1 column 12)", Messages.describe(cut));
    assertEquals(
        "it ends early",
        Messages.describe(new IllegalStateException("java.io.EOFException")),
        "a library's wrapper around an EOF");
    assertEquals(
        "bad tag", Messages.describe(new IllegalArgumentException("com.example.Reader: bad tag")));
  }

  @Test
  void fileDigestsNameTheFileThatChanged() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("digests"));
    Files.writeString(dir.resolve("a.bin"), "alpha");
    Files.writeString(dir.resolve("b.bin"), "beta");
    var recorded = FileDigests.of(dir, name -> name.endsWith(".bin"));
    assertEquals(2, recorded.size());
    FileDigests.verify(dir, recorded, "written");
    Files.writeString(dir.resolve("b.bin"), "betA");
    TfvaeException e =
        assertThrows(TfvaeException.class, () -> FileDigests.verify(dir, recorded, "written"));
    assertEquals(
        dir.resolve("b.bin")
            + ": corrupt or changed: its SHA-256 is not the one recorded when it was written",
        e.getMessage());
  }
}
