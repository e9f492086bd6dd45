package io.tfvae.util;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The process's standard output for a command's results, with its failures kept: {@code
 * PrintWriter} and {@code System.out} swallow a failed write, so a full disk under {@code eval
 * --json > figures.json} would leave an empty file and exit 0. A command's launcher asks {@link
 * #exitCode} at the end, and a failed write becomes one line on stderr and exit 1.
 */
public final class StandardOutput {
  private IOException failure;
  private final PrintWriter writer;

  /** Opens the process's standard output, in the encoding {@code System.out} uses. */
  public StandardOutput() {
    OutputStream raw = new FileOutputStream(FileDescriptor.out);
    OutputStream recording =
        new FilterOutputStream(raw) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              out.write(b, off, len);
            } catch (IOException e) {
              failure = failure == null ? e : failure;
              throw e;
            }
          }

          @Override
          public void flush() throws IOException {
            try {
              out.flush();
            } catch (IOException e) {
              failure = failure == null ? e : failure;
              throw e;
            }
          }
        };
    Charset cs = Charset.defaultCharset(); // as PrintWriter(System.out) writes
    writer = new PrintWriter(new OutputStreamWriter(recording, cs), true);
  }

  /** {@return the writer for the command's results (flushed at every line)} */
  public PrintWriter writer() {
    return writer;
  }

  /**
   * The exit code once the command has run: its own, unless writing its results failed.
   *
   * @param program the program's name, for the message
   * @param code the command's exit code
   * @param err where the one line goes
   * @return {@code code}, or 1 when a write to standard output failed
   */
  public int exitCode(String program, int code, PrintWriter err) {
    writer.flush();
    if (!writer.checkError()) {
      return code;
    }
    String why = failure == null ? "write failed" : Messages.reason(failure);
    err.println(program + ": error: cannot write the results to standard output (" + why + ")");
    err.flush();
    return code == 0 ? 1 : code;
  }
}
