package io.tfvae.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the text files a user writes (definitions, JSON), with errors a user can act on. */
public final class TextFiles {
  private TextFiles() {}

  /** The byte-order mark as a character, which spreadsheet programs write at a file's start. */
  public static final char BOM = '\uFEFF';

  /**
   * Reads a file as UTF-8, refusing malformed bytes; a byte-order mark at its start is skipped.
   *
   * @param file the file
   * @return its text, without a byte-order mark
   * @throws IOException if it cannot be read, or (with a message saying which byte) if it is not
   *     UTF-8 text
   */
  public static String readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return withoutBom(d.decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw new IOException(notUtf8(bytes));
    }
  }

  /**
   * Text without the byte-order mark it may start with ("CSV UTF-8" files of spreadsheet programs,
   * Notepad's UTF-8), which would otherwise be read as part of the first word or number.
   *
   * @param text a file's text, or its first line
   * @return the text without a leading byte-order mark
   */
  public static String withoutBom(String text) {
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }

  /** Where decoding stops: "not UTF-8 text (byte 1234 is 0xc3)". */
  private static String notUtf8(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    int at = r.isError() ? in.position() : bytes.length;
    return at < bytes.length
        ? String.format("not UTF-8 text (byte %d is 0x%02x)", at, bytes[at] & 0xff)
        : "not UTF-8 text";
  }
}
