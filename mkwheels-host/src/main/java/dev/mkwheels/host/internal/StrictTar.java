package dev.mkwheels.host.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A compressed tar ({@code .tar.gz}, {@code .tar.bz2}, {@code .tar.xz}) read to its last byte, so
 * that what a tar reader would skip is checked too. The tar reader stops at its end-of-archive
 * blocks; this then reads on to the end of the compressed stream, which makes the decompressor
 * check its trailer (gzip's CRC-32 and length, bzip2's combined CRC, xz's index and check), and
 * proves that:
 *
 * <ul>
 *   <li>everything after the last entry (the end-of-archive blocks and the record padding) is zero,
 *       and at most {@link #MAX_PADDING} bytes;
 *   <li>the file is exactly one compressed stream (one gzip member): nothing follows it, not even a
 *       second stream. A tag archive is written by one compressor call; a concatenated or appended
 *       stream is not something a forge sends, so it is refused rather than guessed at.
 * </ul>
 *
 * <p>A corrupt compressed stream surfaces as a {@link ZipException} from any read (whatever the
 * compression), a truncated one as an {@link EOFException}. Every reader of a tar the host's
 * modules did not just write in memory reads it through this class: the source unpacker, and the
 * readers of a vendored tarball or an sdist in mkwheels-pip, mkwheels-rebuild and mkwheels-ci. Not
 * thread-safe.
 */
public final class StrictTar implements Closeable {
  /** Zero bytes allowed after the last entry: far above any blocking factor tar uses. */
  public static final long MAX_PADDING = 1L << 20;

  private static final int BLOCK = 512;

  /** The most memory an xz stream may ask for to be decoded, in KiB: xz -9 needs 65 MiB. */
  static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

  /** How the tar is compressed. */
  public enum Compression {
    /** {@code .tar.gz}. */
    GZIP,
    /** {@code .tar.bz2}. */
    BZIP2,
    /** {@code .tar.xz}. */
    XZ;

    /** How messages name it, for example {@code gzip}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What may follow the compressed stream in the file. */
  public enum Trailing {
    /** Nothing: the file ends with the stream. Our own artifacts and forge archives. */
    NOTHING,
    /**
     * Zero bytes only, as some tools pad a file to a block (pip's tarfile skips them too). An sdist
     * someone else built: a corrupt stream still fails, a second member or garbage is refused.
     */
    ZEROS
  }

  private final InputStream file;
  private final Tracked tracked;
  private final TarArchiveInputStream tar;
  private final Compression compression;
  private final Trailing trailing;
  private long end;

  private StrictTar(InputStream file, Tracked tracked, Compression compression, Trailing trailing) {
    this.file = file;
    this.tracked = tracked;
    this.compression = compression;
    this.trailing = trailing;
    this.tar = new TarArchiveInputStream(tracked, StandardCharsets.UTF_8.name());
  }

  /** Opens {@code archive}, compressed as {@code compression} says, ending with its stream. */
  public static StrictTar open(Path archive, Compression compression) throws IOException {
    return open(archive, compression, Trailing.NOTHING);
  }

  /**
   * Opens {@code archive}, compressed as {@code compression} says, followed by {@code trailing}.
   */
  public static StrictTar open(Path archive, Compression compression, Trailing trailing)
      throws IOException {
    Objects.requireNonNull(compression, "compression is null");
    Objects.requireNonNull(trailing, "trailing is null");
    InputStream file = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024);
    try {
      // One stream only: with concatenation off each reader stops right after its trailer.
      InputStream decompressed =
          switch (compression) {
            case GZIP -> new GzipCompressorInputStream(file, false);
            case BZIP2 -> new BZip2CompressorInputStream(file, false);
            case XZ -> new XZCompressorInputStream(file, false, XZ_MEMORY_LIMIT_KIB);
          };
      return new StrictTar(file, new Tracked(decompressed), compression, trailing);
    } catch (EOFException e) {
      file.close();
      throw e;
    } catch (IOException e) {
      file.close();
      throw fault(e);
    }
  }

  /** The next entry, or null at the tar's end; then call {@link #finish()}. */
  public TarArchiveEntry next() throws IOException {
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
  public InputStream content() {
    return tar;
  }

  /**
   * Reads the rest of the archive once {@link #next()} returned null; the reason to refuse it, or
   * empty when it ends as a tag archive should.
   */
  public Optional<String> finish() throws IOException {
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
    for (int b; (b = file.read()) >= 0; ) {
      if (b != 0 || trailing == Trailing.NOTHING) {
        return Optional.of("has bytes after the end of its " + compression.label() + " stream");
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the rest of the tar's entries, unread, and then {@link #finish()}: for a reader that has
   * found what it wanted before the end and must still prove the whole file sound.
   *
   * @throws ZipException the reason to refuse the file, when there is one
   */
  public void drainAndFinish() throws IOException {
    while (next() != null) {
      // Each entry's content is read (and checked) by the tar reader on its way to the next.
    }
    Optional<String> wrong = finish();
    if (wrong.isPresent()) {
      throw new ZipException(wrong.get());
    }
  }

  /**
   * Reads on through the decompressed stream, past any tar structure, for at most {@code limit}
   * bytes: for a reader that has found a reason to refuse the archive and must first know whether
   * the real reason is a corrupt stream (a bzip2 block is checked only at its end, so a corrupt one
   * may first yield garbled names).
   *
   * @return the fault of a corrupt or truncated stream, or empty when the bytes read decompressed
   *     cleanly
   */
  public Optional<IOException> streamFault(long limit) {
    byte[] buffer = new byte[8192];
    long start = tracked.position;
    try {
      while (tracked.position - start < limit && tracked.read(buffer, 0, buffer.length) >= 0) {
        // Only the decompressor's own checks matter here.
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      tar.close();
    } finally {
      file.close();
    }
  }

  private static ZipException fault(IOException e) {
    if (e instanceof ZipException zip) {
      return zip;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ZipException fault = new ZipException(message);
    fault.initCause(e);
    return fault;
  }

  /**
   * The tar stream as the decompressor yields it: counts every byte and remembers the last one that
   * is not zero. Skips are reads, so nothing passes unseen; no mark, so nothing is read twice.
   */
  private static final class Tracked extends FilterInputStream {
    long position;
    long lastNonZero = -1;

    Tracked(InputStream decompressed) {
      super(decompressed);
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
        throw fault(e);
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
