package dev.mkwheels.source.github;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A {@code .tar.gz} read to its last byte, so that what a tar reader would skip is checked too. The
 * tar reader stops at its end-of-archive blocks; this then reads on to the end of the gzip member,
 * which makes the gzip reader check the member's CRC-32 and length trailer, and proves that:
 *
 * <ul>
 *   <li>everything after the last entry (the end-of-archive blocks and the record padding) is zero,
 *       and at most {@link #MAX_PADDING} bytes;
 *   <li>the file is exactly one gzip member: nothing follows it, not even a second member. A tag
 *       archive is written by one {@code gzip} call; a concatenated or appended member is not
 *       something a forge sends, so it is refused rather than guessed at.
 * </ul>
 *
 * <p>A corrupt gzip stream surfaces as a {@link ZipException} from any read, a truncated one as an
 * {@link EOFException}. Not thread-safe.
 */
final class StrictTarGz implements Closeable {
  /** Zero bytes allowed after the last entry: far above any blocking factor tar uses. */
  static final long MAX_PADDING = 1L << 20;

  private static final int BLOCK = 512;

  private final InputStream file;
  private final Tracked tracked;
  private final TarArchiveInputStream tar;
  private long end;

  private StrictTarGz(InputStream file, Tracked tracked) {
    this.file = file;
    this.tracked = tracked;
    this.tar = new TarArchiveInputStream(tracked, StandardCharsets.UTF_8.name());
  }

  static StrictTarGz open(Path archive) throws IOException {
    InputStream file = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024);
    try {
      // One member only: with concatenation off the reader stops right after the first trailer.
      return new StrictTarGz(file, new Tracked(new GzipCompressorInputStream(file, false)));
    } catch (EOFException e) {
      file.close();
      throw e;
    } catch (IOException e) {
      file.close();
      throw gzipFault(e);
    }
  }

  /** The next entry, or null at the tar's end; then call {@link #finish()}. */
  TarArchiveEntry next() throws IOException {
    TarArchiveEntry entry = tar.getNextEntry();
    if (entry != null) {
      // The reader has just read the header (a global PAX header also its content): where this
      // entry's data, padded to a block, ends is where the next header or the end blocks start.
      long size = entry.isGlobalPaxHeader() ? 0 : Math.max(0, entry.getSize());
      long dataEnd = tracked.position + size;
      end = Math.max(end, (dataEnd + BLOCK - 1) / BLOCK * BLOCK);
    }
    return entry;
  }

  /** The current entry's content. */
  InputStream content() {
    return tar;
  }

  /**
   * Reads the rest of the archive once {@link #next()} returned null; the reason to refuse it, or
   * empty when it ends as a tag archive should.
   */
  Optional<String> finish() throws IOException {
    byte[] buffer = new byte[8192];
    while (tracked.read(buffer, 0, buffer.length) >= 0) {
      if (tracked.position - end > MAX_PADDING) {
        return Optional.of("has more than " + MAX_PADDING + " bytes after its last entry");
      }
    }
    if (tracked.lastNonZero >= end) {
      return Optional.of(
          "has data after the end of its tar stream, at byte " + tracked.lastNonZero);
    }
    if (file.read() >= 0) {
      return Optional.of("has bytes after the end of its gzip stream");
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try {
      tar.close();
    } finally {
      file.close();
    }
  }

  private static ZipException gzipFault(IOException e) {
    if (e instanceof ZipException zip) {
      return zip;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ZipException fault = new ZipException(message);
    fault.initCause(e);
    return fault;
  }

  /**
   * The tar stream as the gzip reader inflates it: counts every byte and remembers the last one
   * that is not zero. Skips are reads, so nothing passes unseen; no mark, so nothing is read twice.
   */
  private static final class Tracked extends FilterInputStream {
    long position;
    long lastNonZero = -1;

    Tracked(InputStream gzip) {
      super(gzip);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (EOFException e) {
        throw e;
      } catch (IOException e) {
        throw gzipFault(e);
      }
      for (int i = n - 1; i >= 0; i--) {
        if (b[off + i] != 0) {
          lastNonZero = position + i;
          break;
        }
      }
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
      long skipped = 0;
      while (skipped < n) {
        int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void mark(int readlimit) {}

    @Override
    public void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }
  }
}
