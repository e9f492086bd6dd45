package io.tfvae.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an {@link ImageSet}'s bytes live: an array, a file of uint8 rows read with positional reads
 * as batches need them, or a function that renders a row from its number (a generated set such as
 * {@link Dsprites}). The file's pages stay in the operating system's cache, which can drop them,
 * and are not part of the process's resident memory; generated rows take no memory at all; so a set
 * of any size trains in the memory of one batch.
 */
public abstract sealed class ExampleRows {
  private final int count;
  private final int dim;

  private ExampleRows(int count, int dim) {
    this.count = count;
    this.dim = dim;
  }

  /**
   * Rows held in an array.
   *
   * @param bytes {@code count × dim} values
   * @param count rows
   * @param dim values a row
   * @return the rows
   */
  public static ExampleRows inMemory(byte[] bytes, int count, int dim) {
    return new InMemory(bytes, count, dim);
  }

  /**
   * Rows of a file, read when needed: {@code count} rows of {@code dim} bytes starting at {@code
   * offset} (the data of an uncompressed {@code .npy} or IDX file).
   *
   * @param file the file
   * @param offset where the first row starts
   * @param count rows
   * @param dim values a row
   * @return the rows
   */
  public static ExampleRows onDisk(Path file, long offset, int count, int dim) {
    return new OnDisk(file, offset, count, dim);
  }

  /**
   * Rows computed when needed, each a pure function of its number.
   *
   * @param count rows
   * @param dim values a row
   * @param source writes a row
   * @return the rows
   */
  public static ExampleRows generated(int count, int dim, RowSource source) {
    return new Generated(count, dim, source);
  }

  /** Writes one row of a generated set. */
  @FunctionalInterface
  public interface RowSource {
    /**
     * Writes row {@code row}'s {@code dim} values into {@code dst} from {@code offset}, every one
     * of them (the destination holds another row's values before the call).
     *
     * @param row its number
     * @param dst destination
     * @param offset where in dst
     */
    void write(int row, byte[] dst, int offset);
  }

  /** {@return the number of rows} */
  public int count() {
    return count;
  }

  /** {@return values a row} */
  public int dim() {
    return dim;
  }

  /** {@return whether rows are read from a file when needed} */
  public boolean onDisk() {
    return this instanceof OnDisk;
  }

  /** {@return the array holding every row, or null for rows on disk} */
  byte[] array() {
    return this instanceof InMemory m ? m.bytes : null;
  }

  /** {@return a reader of rows, to close after a batch} */
  abstract Reader reader();

  /** Reads rows; closing it releases the file. */
  interface Reader extends AutoCloseable {
    /**
     * Copies one row.
     *
     * @param row its number
     * @param dst destination
     * @param offset where in dst
     */
    void read(int row, byte[] dst, int offset);

    @Override
    void close();
  }

  private static final class InMemory extends ExampleRows {
    private final byte[] bytes;

    InMemory(byte[] bytes, int count, int dim) {
      super(count, dim);
      this.bytes = bytes;
    }

    @Override
    Reader reader() {
      return new Reader() {
        @Override
        public void read(int row, byte[] dst, int offset) {
          System.arraycopy(bytes, row * dim(), dst, offset, dim());
        }

        @Override
        public void close() {}
      };
    }
  }

  private static final class Generated extends ExampleRows {
    private final RowSource source;

    Generated(int count, int dim, RowSource source) {
      super(count, dim);
      this.source = source;
    }

    @Override
    Reader reader() {
      return new Reader() {
        @Override
        public void read(int row, byte[] dst, int offset) {
          source.write(row, dst, offset);
        }

        @Override
        public void close() {}
      };
    }
  }

  private static final class OnDisk extends ExampleRows {
    private final Path file;
    private final long offset;

    OnDisk(Path file, long offset, int count, int dim) {
      super(count, dim);
      this.file = file;
      this.offset = offset;
    }

    @Override
    Reader reader() {
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new DataException(file + ": cannot read: " + e.getMessage(), e);
      }
      return new Reader() {
        @Override
        public void read(int row, byte[] dst, int at) {
          ByteBuffer b = ByteBuffer.wrap(dst, at, dim());
          long position = offset + (long) row * dim();
          try {
            while (b.hasRemaining()) {
              if (channel.read(b, position + b.position() - at) < 0) {
                throw new DataException(
                    file + ": ended inside example " + row + " (was the file changed?)");
              }
            }
          } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
          }
        }

        @Override
        public void close() {
          try {
            channel.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }
  }
}
