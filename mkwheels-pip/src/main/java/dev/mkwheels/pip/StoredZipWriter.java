package dev.mkwheels.pip;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive whose bytes depend on its members' names, contents and modes and on one time
 * only: every member stored (no deflate, so no zlib version shows through; the tarball around it is
 * compressed anyway), no extra fields, the time in UTC (the JDK's zip writer uses the local time
 * zone), Unix modes recorded so pip restores executable bits. Members must come in ascending name
 * order, which the writer checks. No zip64: an archive of more than 65535 members or 4 GiB is
 * refused. Not thread-safe.
 */
final class StoredZipWriter implements AutoCloseable {
  static final int MAX_MEMBERS = 0xFFFF;
  static final long MAX_OFFSET = 0xFFFFFFFFL;
  private static final int BUFFER = 1 << 16;

  /** What the central directory repeats of a member. */
  private record Central(byte[] name, int mode, long crc, long size, long offset, boolean utf8) {}

  private final OutputStream out;
  private final int dosTime;
  private final int dosDate;
  private final List<Central> members = new ArrayList<>();
  private long offset;
  private String previous;

  /**
   * @param target created; must not exist
   * @param epoch seconds since 1970 UTC, the time of every member (zip cannot store times before
   *     1980, which become 1980-01-01)
   */
  StoredZipWriter(Path target, long epoch) throws IOException {
    this.out =
        new BufferedOutputStream(
            Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), BUFFER);
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(Math.max(epoch, 315_532_800L), 0, ZoneOffset.UTC);
    if (time.getYear() > 2107) {
      time = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
    }
    this.dosTime = (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2);
    this.dosDate =
        ((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth();
  }

  /**
   * Adds a regular file.
   *
   * @param executable recorded as mode 0755, else 0644
   * @param size the exact length of {@code data}
   * @param crc the CRC-32 of {@code data}, checked while it is copied
   * @throws IOException when {@code data} is shorter or longer than {@code size}, or its CRC
   *     differs
   */
  void add(String name, boolean executable, long size, long crc, InputStream data)
      throws IOException {
    if (previous != null && previous.compareTo(name) >= 0) {
      throw new IllegalStateException("members out of order: " + previous + ", then " + name);
    }
    if (members.size() == MAX_MEMBERS) {
      throw new IOException(
          "more than " + MAX_MEMBERS + " files, which a zip without zip64 cannot hold");
    }
    previous = name;
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    boolean utf8 = bytes.length != name.length();
    Central member = new Central(bytes, executable ? 0100755 : 0100644, crc, size, offset, utf8);
    ByteBuffer header = little(30 + bytes.length);
    header
        .putInt(0x04034b50)
        .putShort((short) 10)
        .putShort(flags(utf8))
        .putShort((short) 0)
        .putShort((short) dosTime)
        .putShort((short) dosDate)
        .putInt((int) crc)
        .putInt((int) size)
        .putInt((int) size)
        .putShort((short) bytes.length)
        .putShort((short) 0)
        .put(bytes);
    write(header);
    copy(name, size, crc, data);
    members.add(member);
  }

  /** Writes the central directory; the archive is complete after this. */
  void finish() throws IOException {
    long start = offset;
    for (Central member : members) {
      ByteBuffer entry = little(46 + member.name().length);
      entry
          .putInt(0x02014b50)
          .putShort((short) 0x0314)
          .putShort((short) 10)
          .putShort(flags(member.utf8()))
          .putShort((short) 0)
          .putShort((short) dosTime)
          .putShort((short) dosDate)
          .putInt((int) member.crc())
          .putInt((int) member.size())
          .putInt((int) member.size())
          .putShort((short) member.name().length)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putInt(member.mode() << 16)
          .putInt((int) member.offset())
          .put(member.name());
      write(entry);
    }
    ByteBuffer end = little(22);
    end.putInt(0x06054b50)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) members.size())
        .putShort((short) members.size())
        .putInt((int) (offset - start))
        .putInt((int) start)
        .putShort((short) 0);
    write(end);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void copy(String name, long size, long crc, InputStream data) throws IOException {
    CRC32 check = new CRC32();
    byte[] buffer = new byte[BUFFER];
    long copied = 0;
    for (int read; (read = data.read(buffer)) > 0; ) {
      copied += read;
      if (copied > size) {
        throw new IOException(name + " is longer than its recorded size " + size);
      }
      check.update(buffer, 0, read);
      out.write(buffer, 0, read);
    }
    if (copied != size || check.getValue() != crc) {
      throw new IOException(name + " does not match its recorded size and CRC");
    }
    advance(size);
  }

  private void write(ByteBuffer buffer) throws IOException {
    out.write(buffer.array(), 0, buffer.position());
    advance(buffer.position());
  }

  private void advance(long bytes) throws IOException {
    offset += bytes;
    if (offset > MAX_OFFSET) {
      throw new IOException("larger than 4 GiB, which a zip without zip64 cannot hold");
    }
  }

  private static short flags(boolean utf8) {
    // Bit 11: the name is UTF-8. Set only when it matters, as Python's zipfile does.
    return (short) (utf8 ? 0x0800 : 0);
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
