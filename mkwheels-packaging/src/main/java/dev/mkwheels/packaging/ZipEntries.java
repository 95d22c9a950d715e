package dev.mkwheels.packaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zip archive's members as its central directory lists them, and the content of one small member.
 * Reads the directory and the one member only, never the rest of the file.
 */
final class ZipEntries {
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final int UTF8_FLAG = 0x800;
  private static final int ENCRYPTED_FLAG = 0x1;

  private ZipEntries() {}

  /**
   * One central directory record.
   *
   * @param name the member's name: UTF-8 when the archive says so, else one char per byte, so that
   *     every byte of it is checked
   */
  record Entry(
      String name,
      int flags,
      int method,
      long crc,
      long compressed,
      long uncompressed,
      long localOffset) {}

  /** The archive is not one this reads: the message says what is wrong. */
  static final class DamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedException(String message) {
      super(message);
    }
  }

  /**
   * A zip archive's central directory, read once for every use (the checks, the stored ranges, the
   * SBOM's embedded files).
   *
   * @param offset where the directory starts in the file: every member's data lies before it
   * @param entries the members in directory order
   */
  record Directory(long offset, List<Entry> entries) {
    Directory {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The central directory at {@code location} (as {@link ZipLayout#directory} gives it), every
   * record of it well formed.
   */
  static Directory directory(FileChannel channel, long[] location) throws IOException {
    if (location[0] < 0) {
      throw new DamagedException("its zip directory cannot be read");
    }
    ByteBuffer directory = ZipLayout.read(channel, location[0], (int) location[1]);
    List<Entry> entries = new ArrayList<>();
    int at = 0;
    while (at < directory.limit()) {
      if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL) {
        throw new DamagedException("its zip directory is damaged at byte " + (location[0] + at));
      }
      int next = next(directory, at);
      if (next > directory.limit()) {
        throw new DamagedException("its zip directory is damaged at byte " + (location[0] + at));
      }
      int nameLength = directory.getShort(at + 28) & 0xFFFF;
      byte[] name = new byte[nameLength];
      directory.get(at + 46, name);
      int flags = directory.getShort(at + 8) & 0xFFFF;
      entries.add(entry(directory, at, decode(name, flags)));
      at = next;
    }
    return new Directory(location[0], entries);
  }

  /** Where the record after the one at {@code at} starts. */
  static int next(ByteBuffer directory, int at) {
    int nameLength = directory.getShort(at + 28) & 0xFFFF;
    int extraLength = directory.getShort(at + 30) & 0xFFFF;
    int commentLength = directory.getShort(at + 32) & 0xFFFF;
    return at + 46 + nameLength + extraLength + commentLength;
  }

  /**
   * The record at {@code at}, which must lie whole in {@code directory}, named {@code name}: its
   * ZIP64 extended fields come in this order, each only when its 32-bit field is full.
   */
  static Entry entry(ByteBuffer directory, int at, String name) {
    int flags = directory.getShort(at + 8) & 0xFFFF;
    int method = directory.getShort(at + 10) & 0xFFFF;
    long crc = directory.getInt(at + 16) & 0xFFFFFFFFL;
    long compressed = directory.getInt(at + 20) & 0xFFFFFFFFL;
    long uncompressed = directory.getInt(at + 24) & 0xFFFFFFFFL;
    int nameLength = directory.getShort(at + 28) & 0xFFFF;
    int extraLength = directory.getShort(at + 30) & 0xFFFF;
    long offset = directory.getInt(at + 42) & 0xFFFFFFFFL;
    int extra = at + 46 + nameLength;
    for (int e = extra; e + 4 <= extra + extraLength; ) {
      int id = directory.getShort(e) & 0xFFFF;
      int length = directory.getShort(e + 2) & 0xFFFF;
      if (id == 0x0001) {
        int field = e + 4;
        if (uncompressed == 0xFFFFFFFFL && field + 8 <= e + 4 + length) {
          uncompressed = directory.getLong(field);
          field += 8;
        }
        if (compressed == 0xFFFFFFFFL && field + 8 <= e + 4 + length) {
          compressed = directory.getLong(field);
          field += 8;
        }
        if (offset == 0xFFFFFFFFL && field + 8 <= e + 4 + length) {
          offset = directory.getLong(field);
        }
      }
      e += 4 + length;
    }
    return new Entry(name, flags, method, crc, compressed, uncompressed, offset);
  }

  /**
   * The content of {@code entry}, inflated and checked against its CRC-32 and size.
   *
   * @throws DamagedException when it is over {@code limit} bytes, encrypted, compressed in a way
   *     other than deflate, or not what the directory says
   */
  static byte[] content(FileChannel channel, long size, Entry entry, int limit) throws IOException {
    if ((entry.flags() & ENCRYPTED_FLAG) != 0) {
      throw new DamagedException(entry.name() + " is encrypted");
    }
    if (entry.uncompressed() > limit || entry.compressed() > limit) {
      throw new DamagedException(entry.name() + " is over " + limit + " bytes");
    }
    if (entry.localOffset() < 0 || entry.localOffset() + 30 > size) {
      throw new DamagedException(entry.name() + " lies outside the file");
    }
    ByteBuffer local = ZipLayout.read(channel, entry.localOffset(), 30);
    if (local.getInt(0) != LOCAL) {
      throw new DamagedException(entry.name() + " has no local header");
    }
    long start =
        entry.localOffset() + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
    if (start + entry.compressed() > size) {
      throw new DamagedException(entry.name() + " lies outside the file");
    }
    byte[] raw = new byte[(int) entry.compressed()];
    ZipLayout.read(channel, start, raw.length).get(raw);
    byte[] content =
        switch (entry.method()) {
          case 0 -> raw;
          case 8 -> inflate(entry, raw);
          default ->
              throw new DamagedException(
                  entry.name() + " is compressed with method " + entry.method() + ", not deflate");
        };
    CRC32 crc = new CRC32();
    crc.update(content);
    if (content.length != entry.uncompressed() || crc.getValue() != entry.crc()) {
      throw new DamagedException(entry.name() + " does not match its CRC-32 and size");
    }
    return content;
  }

  private static byte[] inflate(Entry entry, byte[] raw) throws DamagedException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(raw);
      // One byte more than promised shows a member that inflates to more than it says.
      byte[] out = new byte[(int) entry.uncompressed() + 1];
      int length = 0;
      while (!inflater.finished() && length < out.length) {
        int n = inflater.inflate(out, length, out.length - length);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        length += n;
      }
      return Arrays.copyOf(out, length);
    } catch (DataFormatException e) {
      throw new DamagedException(entry.name() + " is not valid deflate data");
    } finally {
      inflater.end();
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decode(byte[] name, int flags) throws DamagedException {
    if ((flags & UTF8_FLAG) == 0 || isAscii(name)) {
      return new String(name, StandardCharsets.ISO_8859_1); // ASCII reads the same in UTF-8
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(name).order(ByteOrder.LITTLE_ENDIAN))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DamagedException(
          "a member's name is not valid UTF-8: " + new String(name, StandardCharsets.ISO_8859_1));
    }
  }
}
