package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * The tar stream inside the gzip member: headers and padding compressed, file content routed range
 * by range to stored or compressed blocks. Entries come in the order they are given.
 */
final class TarballWriter {
  private static final int RECORD = PackFormat.TAR_RECORD;
  private static final byte[] ZEROS = new byte[RECORD];

  private final GzipWriter gzip;
  private final long mtime;
  private final byte[] readBuffer;

  TarballWriter(GzipWriter gzip, long mtime, int readBufferSize) {
    this.gzip = requireNonNull(gzip, "gzip is null");
    this.mtime = mtime;
    this.readBuffer = new byte[readBufferSize];
  }

  void directory(String name) throws IOException {
    byte[] header = TarHeader.directory(name, mtime);
    gzip.compress(header, 0, header.length);
  }

  void bytes(String name, byte[] content) throws IOException {
    byte[] header = TarHeader.file(name, content.length, mtime);
    gzip.compress(header, 0, header.length);
    gzip.compress(content, 0, content.length);
    gzip.compress(ZEROS, 0, TarHeader.padding(content.length));
  }

  /**
   * Streams {@code size} bytes of {@code channel} as one entry, storing the {@code stored} ranges
   * ({@code [start, end)} pairs) and compressing the rest. Every byte read also goes through {@code
   * crc} and {@code sha256}, each when given.
   *
   * @throws ChangedException when the file is not {@code size} bytes long any more
   */
  void file(
      String name, FileChannel channel, long size, long[] stored, CRC32 crc, MessageDigest sha256)
      throws IOException {
    byte[] header = TarHeader.file(name, size, mtime);
    gzip.compress(header, 0, header.length);
    ByteBuffer buffer = ByteBuffer.wrap(readBuffer);
    long offset = 0;
    int range = 0;
    channel.position(0);
    while (offset < size) {
      buffer.clear();
      buffer.limit((int) Math.min(readBuffer.length, size - offset));
      int read = channel.read(buffer);
      if (read < 0) {
        throw new ChangedException();
      }
      if (crc != null) {
        crc.update(readBuffer, 0, read);
      }
      if (sha256 != null) {
        sha256.update(readBuffer, 0, read);
      }
      int at = 0;
      while (at < read) {
        long position = offset + at;
        while (range < stored.length && stored[range + 1] <= position) {
          range += 2;
        }
        boolean inStored = range < stored.length && stored[range] <= position;
        long boundary =
            range >= stored.length ? Long.MAX_VALUE : inStored ? stored[range + 1] : stored[range];
        int take = (int) Math.min(read - at, boundary - position);
        if (inStored) {
          gzip.store(readBuffer, at, take);
        } else {
          gzip.compress(readBuffer, at, take);
        }
        at += take;
      }
      offset += read;
    }
    if (channel.size() != size) {
      throw new ChangedException();
    }
    gzip.compress(ZEROS, 0, TarHeader.padding(size));
  }

  /** The two zero blocks that end a tar, then zeros to a whole record as GNU tar writes. */
  void finish() throws IOException {
    gzip.compress(ZEROS, 0, 2 * TarHeader.BLOCK);
    int tail = (int) ((RECORD - gzip.size() % RECORD) % RECORD);
    gzip.compress(ZEROS, 0, tail);
    gzip.finish();
  }

  /** The file being packed changed size while it was read. */
  static final class ChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    ChangedException() {
      super("it changed while it was being packed");
    }
  }
}
