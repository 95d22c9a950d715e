package dev.mkwheels.packaging;

import static dev.mkwheels.packaging.PackFormat.MAX_CENTRAL_DIRECTORY;
import static dev.mkwheels.packaging.PackFormat.MIN_STORED_RUN;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a zip archive (a wheel, a zip sdist) holds deflated member data: those ranges go into the
 * tarball as stored blocks, everything else (local headers, stored members, the central directory)
 * is compressed. Read from the central directory and each local header, never by guessing, so the
 * ranges depend on the file's bytes alone. Part of the format: {@link PackFormat} writes the rules
 * down.
 */
final class ZipLayout {
  private static final int EOCD = 0x06054b50;
  private static final int EOCD64_LOCATOR = 0x07064b50;
  private static final int EOCD64 = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final int MAX_COMMENT = 0xFFFF;
  // Local headers closer together than this are read in one go.
  private static final int LOCAL_HEADER_WINDOW = 64 << 10;

  private ZipLayout() {}

  /**
   * The ranges to store, as sorted, disjoint {@code [start, end)} pairs; empty when the file is not
   * a zip archive at all.
   */
  static Optional<long[]> storedRanges(FileChannel channel, long size) throws IOException {
    Optional<long[]> directory = directory(channel, size);
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    long directoryOffset = directory.get()[0];
    if (directoryOffset < 0) {
      // A zip, but not one this reads; storing it all is still correct, only a little larger.
      return Optional.of(everything(size));
    }
    ByteBuffer bytes = read(channel, directoryOffset, (int) directory.get()[1]);
    return Optional.of(members(channel, bytes, directoryOffset));
  }

  /**
   * Where the central directory lies, as {@code {offset, size}}: {@code {-1, -1}} when the file is
   * a zip whose directory this cannot read, empty when it is not a zip archive at all.
   */
  static Optional<long[]> directory(FileChannel channel, long size) throws IOException {
    int tailLength = (int) Math.min(size, 22 + MAX_COMMENT);
    ByteBuffer tail = read(channel, size - tailLength, tailLength);
    int eocd = -1;
    for (int i = tailLength - 22; i >= 0; i--) {
      if (tail.getInt(i) == EOCD && i + 22 + (tail.getShort(i + 20) & 0xFFFF) <= tailLength) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      return Optional.empty();
    }
    long[] unreadable = {-1, -1};
    long entries = tail.getShort(eocd + 10) & 0xFFFF;
    long directorySize = tail.getInt(eocd + 12) & 0xFFFFFFFFL;
    long directoryOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
    if ((entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL)
        && eocd >= 20
        && tail.getInt(eocd - 20) == EOCD64_LOCATOR) {
      long recordOffset = tail.getLong(eocd - 20 + 8);
      if (recordOffset < 0 || recordOffset + 56 > size) {
        return Optional.of(unreadable);
      }
      ByteBuffer record = read(channel, recordOffset, 56);
      if (record.getInt(0) != EOCD64) {
        return Optional.of(unreadable);
      }
      directorySize = record.getLong(40);
      directoryOffset = record.getLong(48);
    }
    if (directoryOffset < 0
        || directorySize < 0
        || directorySize > MAX_CENTRAL_DIRECTORY
        || directoryOffset + directorySize > size) {
      return Optional.of(unreadable);
    }
    return Optional.of(new long[] {directoryOffset, directorySize});
  }

  /** The whole file as one stored range: for archives that are compressed as a whole. */
  static long[] everything(long size) {
    return size >= MIN_STORED_RUN ? new long[] {0, size} : new long[0];
  }

  /**
   * The ranges to store of a zip archive whose directory {@link ZipEntries#directory} has read: the
   * same as {@link #storedRanges(FileChannel, long)} gives, without reading the directory again.
   */
  static long[] storedRanges(FileChannel channel, ZipEntries.Directory directory)
      throws IOException {
    return ranges(channel, directory.entries(), directory.offset());
  }

  // Every well-formed record up to the first that is not (the name is not needed here).
  private static long[] members(FileChannel channel, ByteBuffer directory, long directoryOffset)
      throws IOException {
    List<ZipEntries.Entry> entries = new ArrayList<>();
    int at = 0;
    while (at + 46 <= directory.limit() && directory.getInt(at) == CENTRAL) {
      int next = ZipEntries.next(directory, at);
      if (next > directory.limit()) {
        break;
      }
      entries.add(ZipEntries.entry(directory, at, ""));
      at = next;
    }
    return ranges(channel, entries, directoryOffset);
  }

  private static long[] ranges(
      FileChannel channel, List<ZipEntries.Entry> entries, long directoryOffset)
      throws IOException {
    // The local headers of the members to store, in file order: read a window at a time (one
    // read for the many headers of a run of small members), only as far as the headers need.
    int members = entries.size();
    long[] offsets = new long[members];
    Integer[] candidates = new Integer[members];
    int candidateCount = 0;
    for (int i = 0; i < members; i++) {
      ZipEntries.Entry entry = entries.get(i);
      long offset = entry.localOffset();
      if (entry.method() != 0
          && entry.compressed() >= MIN_STORED_RUN
          && offset >= 0
          && offset + 30 <= directoryOffset) {
        offsets[i] = offset;
        candidates[candidateCount++] = i;
      }
    }
    Arrays.sort(candidates, 0, candidateCount, (x, y) -> Long.compare(offsets[x], offsets[y]));
    long[][] byEntry = new long[members][];
    ByteBuffer window = ByteBuffer.allocate(LOCAL_HEADER_WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    long windowStart = 0;
    int windowLength = 0;
    for (int c = 0; c < candidateCount; c++) {
      int i = candidates[c];
      long offset = offsets[i];
      if (offset < windowStart || offset + 30 > windowStart + windowLength) {
        int last = c;
        while (last + 1 < candidateCount
            && offsets[candidates[last + 1]] + 30 - offset <= LOCAL_HEADER_WINDOW) {
          last++;
        }
        windowStart = offset;
        windowLength = (int) (offsets[candidates[last]] + 30 - offset);
        window.clear().limit(windowLength);
        readFully(channel, window, offset);
      }
      int at = (int) (offset - windowStart);
      if (window.getInt(at) != LOCAL) {
        continue;
      }
      long compressed = entries.get(i).compressed();
      long start =
          offset + 30 + (window.getShort(at + 26) & 0xFFFF) + (window.getShort(at + 28) & 0xFFFF);
      long end = start + compressed;
      if (compressed >= 0 && end <= directoryOffset) {
        byEntry[i] = new long[] {start, end};
      }
    }
    List<long[]> ranges = new ArrayList<>();
    for (long[] range : byEntry) {
      if (range != null) {
        ranges.add(range);
      }
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] result = new long[2 * ranges.size()];
    int count = 0;
    long previousEnd = 0;
    for (long[] range : ranges) {
      if (range[0] >= previousEnd) { // overlapping entries: keep the first, compress the rest
        result[count++] = range[0];
        result[count++] = range[1];
        previousEnd = range[1];
      }
    }
    return Arrays.copyOf(result, count);
  }

  static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, buffer, position);
    return buffer;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("the file ended early (did it change while packing?)");
      }
      at += read;
    }
    buffer.flip();
  }
}
