package dev.mkwheels.pip;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rewrites the zip container of a wheel a build backend made, so that its bytes depend on its
 * members' names, data and executable bits and on one time only, whatever the backend wrote around
 * them: the build time, the umask's modes, extra fields, comments, data descriptors, the order it
 * walked the disk in. Each member's compressed bytes are copied untouched (same method, CRC and
 * data: RECORD stays valid and no zlib version shows through).
 *
 * <p>The members are sorted by name, with the {@code .dist-info} directory last and its RECORD last
 * of all: sorting makes the order independent of how the backend walked the file system, and the
 * wheel spec (PEP 427) asks archivers to put {@code .dist-info} at the end, where RECORD listing
 * every file before it is the convention bdist_wheel set. Every member gets the epoch's time (in
 * UTC, clamped to 1980..2107, what zip can hold) and mode 0644, or 0755 when pip would have made it
 * executable (a regular file with any x bit). Zip64 archives (over 4 GiB or 65535 members) and
 * encrypted members are refused. Stateless.
 */
public final class WheelContainer {
  private static final int EOCD = 0x06054b50;
  private static final int EOCD64_LOCATOR = 0x07064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final int MAX_COMMENT = 0xFFFF;
  private static final long MAX_OFFSET = 0xFFFFFFFFL;
  // Bits kept: 1 and 2 (the deflate level, which describes the untouched data), 11 (UTF-8 name,
  // for a name that is not ASCII).
  private static final int KEPT_FLAGS = 0x0806;
  // Bits 0 (encrypted), 6 (strong encryption), 13 (masked headers): the data cannot be copied.
  private static final int ENCRYPTED = 0x2041;
  private static final int VERSION_MADE_BY = 0x0314; // Unix, zip 2.0: the writer uses no more

  /** One member as the central directory describes it, and where its data lies. */
  private record Member(
      byte[] name,
      int flags,
      int method,
      int versionNeeded,
      long crc,
      long compressed,
      long size,
      boolean executable,
      long dataStart) {
    boolean directory() {
      return name.length > 0 && name[name.length - 1] == '/';
    }
  }

  private WheelContainer() {}

  /**
   * Rewrites {@code wheel} in place (through a temporary file beside it, moved over it).
   *
   * @param epoch seconds since 1970 UTC, the time of every member
   * @throws IOException when the wheel cannot be read or written, or is not a zip this rewrites;
   *     the message names the file and the wheel is left as it was
   */
  public static void rewrite(Path wheel, long epoch) throws IOException {
    Path temporary =
        Files.createTempFile(wheel.toAbsolutePath().getParent(), "." + wheel.getFileName(), ".tmp");
    try {
      try (FileChannel in = FileChannel.open(wheel, StandardOpenOption.READ);
          OutputStream out =
              new BufferedOutputStream(
                  Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING),
                  1 << 16)) {
        List<Member> members = new ArrayList<>(read(in, wheel));
        members.sort(ORDER);
        write(in, members, epoch, out);
      }
      // The temporary file is private (0600); the wheel keeps the permissions it had.
      if (Files.getFileStore(wheel).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(wheel));
      }
      Files.move(
          temporary, wheel, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Sorted by name bytes, the .dist-info directory after everything else, its RECORD last. */
  static final Comparator<Member> ORDER =
      Comparator.comparing((Member m) -> distInfo(m.name()))
          .thenComparing(m -> distInfo(m.name()) && endsWith(m.name(), "/RECORD"))
          .thenComparing(Member::name, Arrays::compareUnsigned);

  private static boolean distInfo(byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (name[i] == '/') {
        return endsWith(Arrays.copyOf(name, i), ".dist-info");
      }
    }
    return false;
  }

  private static boolean endsWith(byte[] name, String suffix) {
    int start = name.length - suffix.length();
    for (int i = 0; i < suffix.length(); i++) {
      if (start < 0 || name[start + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static List<Member> read(FileChannel in, Path wheel) throws IOException {
    long size = in.size();
    int tailLength = (int) Math.min(size, 22 + MAX_COMMENT);
    ByteBuffer tail = read(in, size - tailLength, tailLength, wheel);
    int eocd = -1;
    for (int i = tailLength - 22; i >= 0 && eocd < 0; i--) {
      if (tail.getInt(i) == EOCD && i + 22 + (tail.getShort(i + 20) & 0xFFFF) <= tailLength) {
        eocd = i;
      }
    }
    if (eocd < 0) {
      throw new IOException(wheel + " is not a zip archive (no end of central directory)");
    }
    int entries = tail.getShort(eocd + 10) & 0xFFFF;
    long directorySize = tail.getInt(eocd + 12) & 0xFFFFFFFFL;
    long directoryOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
    if ((eocd >= 20 && tail.getInt(eocd - 20) == EOCD64_LOCATOR)
        || entries == 0xFFFF
        || directorySize == MAX_OFFSET
        || directoryOffset == MAX_OFFSET) {
      throw new IOException(
          wheel
              + " is a zip64 archive (over 4 GiB or 65535 files), which"
              + " mkwheels does not rewrite");
    }
    if (tail.getShort(eocd + 4) != 0
        || tail.getShort(eocd + 6) != 0
        || (tail.getShort(eocd + 8) & 0xFFFF) != entries
        || directoryOffset + directorySize > size - tailLength + eocd) {
      throw new IOException(wheel + " has a broken or multi-part central directory");
    }
    ByteBuffer directory = read(in, directoryOffset, (int) directorySize, wheel);
    List<Member> members = new ArrayList<>();
    int at = 0;
    for (int n = 0; n < entries; n++) {
      if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL) {
        throw new IOException(wheel + " has a broken central directory (entry " + (n + 1) + ")");
      }
      int nameLength = directory.getShort(at + 28) & 0xFFFF;
      int next =
          at
              + 46
              + nameLength
              + (directory.getShort(at + 30) & 0xFFFF)
              + (directory.getShort(at + 32) & 0xFFFF);
      if (next > directory.limit()) {
        throw new IOException(wheel + " has a broken central directory (entry " + (n + 1) + ")");
      }
      byte[] name = new byte[nameLength];
      directory.get(at + 46, name);
      members.add(member(in, directory, at, name, directoryOffset, wheel));
      at = next;
    }
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::name, Arrays::compareUnsigned));
    for (int i = 1; i < sorted.size(); i++) {
      if (Arrays.equals(sorted.get(i - 1).name(), sorted.get(i).name())) {
        throw new IOException(wheel + " holds " + text(sorted.get(i).name()) + " twice");
      }
    }
    return members;
  }

  private static Member member(
      FileChannel in, ByteBuffer directory, int at, byte[] name, long directoryOffset, Path wheel)
      throws IOException {
    int flags = directory.getShort(at + 8) & 0xFFFF;
    int method = directory.getShort(at + 10) & 0xFFFF;
    long crc = directory.getInt(at + 16) & 0xFFFFFFFFL;
    long compressed = directory.getInt(at + 20) & 0xFFFFFFFFL;
    long size = directory.getInt(at + 24) & 0xFFFFFFFFL;
    int mode = (directory.getInt(at + 38) >>> 16);
    long offset = directory.getInt(at + 42) & 0xFFFFFFFFL;
    String what = wheel + ": " + text(name);
    if ((flags & ENCRYPTED) != 0) {
      throw new IOException(what + " is encrypted");
    }
    if (method == 0 && compressed != size) {
      throw new IOException(what + " is stored but its sizes differ");
    }
    if (offset + 30 > directoryOffset) {
      throw new IOException(what + " lies outside the archive");
    }
    ByteBuffer local = read(in, offset, 30, wheel);
    int localName = local.getShort(26) & 0xFFFF;
    long dataStart = offset + 30 + localName + (local.getShort(28) & 0xFFFF);
    if (local.getInt(0) != LOCAL
        || (local.getShort(8) & 0xFFFF) != method
        || localName != name.length
        || !Arrays.equals(read(in, offset + 30, localName, wheel).array(), name)
        || dataStart + compressed > directoryOffset) {
      throw new IOException(what + ": its local header does not match the central directory");
    }
    // What pip does: executable when the mode is a regular file's with any x bit.
    boolean executable = (mode & 0170000) == 0100000 && (mode & 0111) != 0;
    boolean ascii = true;
    for (byte b : name) {
      ascii &= b >= 0;
    }
    // Bit 11 says how to read a name that is not ASCII; for one that is, it means nothing.
    int kept = flags & (ascii ? KEPT_FLAGS & ~0x0800 : KEPT_FLAGS);
    return new Member(
        name,
        kept,
        method,
        versionNeeded(method, directory.getShort(at + 6) & 0xFFFF, name),
        crc,
        compressed,
        size,
        executable,
        dataStart);
  }

  private static int versionNeeded(int method, int given, byte[] name) {
    return switch (method) {
      case 0 -> name.length > 0 && name[name.length - 1] == '/' ? 20 : 10;
      case 8 -> 20;
      case 9 -> 21;
      case 12 -> 46;
      case 14 -> 63;
      default -> given;
    };
  }

  private static void write(FileChannel in, List<Member> members, long epoch, OutputStream out)
      throws IOException {
    int[] time = dosTime(epoch);
    List<ByteBuffer> entries = new ArrayList<>();
    long offset = 0;
    for (Member m : members) {
      ByteBuffer local = little(30 + m.name().length);
      local
          .putInt(LOCAL)
          .putShort((short) m.versionNeeded())
          .putShort((short) m.flags())
          .putShort((short) m.method())
          .putShort((short) time[0])
          .putShort((short) time[1])
          .putInt((int) m.crc())
          .putInt((int) m.compressed())
          .putInt((int) m.size())
          .putShort((short) m.name().length)
          .putShort((short) 0)
          .put(m.name());
      int mode = m.directory() ? 040755 : m.executable() ? 0100755 : 0100644;
      ByteBuffer central = little(46 + m.name().length);
      central
          .putInt(CENTRAL)
          .putShort((short) VERSION_MADE_BY)
          .putShort((short) m.versionNeeded())
          .putShort((short) m.flags())
          .putShort((short) m.method())
          .putShort((short) time[0])
          .putShort((short) time[1])
          .putInt((int) m.crc())
          .putInt((int) m.compressed())
          .putInt((int) m.size())
          .putShort((short) m.name().length)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putShort((short) 0)
          .putInt((mode << 16) | (m.directory() ? 0x10 : 0))
          .putInt((int) offset)
          .put(m.name());
      entries.add(central);
      out.write(local.array());
      copy(in, m.dataStart(), m.compressed(), out);
      offset += local.capacity() + m.compressed();
      if (offset > MAX_OFFSET) {
        throw new IOException("larger than 4 GiB, which a zip without zip64 cannot hold");
      }
    }
    long directorySize = 0;
    for (ByteBuffer entry : entries) {
      out.write(entry.array());
      directorySize += entry.capacity();
    }
    ByteBuffer end = little(22);
    end.putInt(EOCD)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) members.size())
        .putShort((short) members.size())
        .putInt((int) directorySize)
        .putInt((int) offset)
        .putShort((short) 0);
    out.write(end.array());
  }

  private static void copy(FileChannel in, long start, long length, OutputStream out)
      throws IOException {
    long done = 0;
    WritableByteChannel target = Channels.newChannel(out);
    while (done < length) {
      long moved = in.transferTo(start + done, length - done, target);
      if (moved <= 0) {
        throw new IOException("the file ended early (did it change while it was rewritten?)");
      }
      done += moved;
    }
  }

  /** {time, date} in MS-DOS form, UTC. */
  static int[] dosTime(long epoch) {
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(Math.max(epoch, 315_532_800L), 0, ZoneOffset.UTC);
    if (time.getYear() > 2107) {
      time = LocalDateTime.of(2107, 12, 31, 23, 59, 58);
    }
    return new int[] {
      (time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2),
      ((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth()
    };
  }

  private static ByteBuffer read(FileChannel in, long position, int length, Path wheel)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    long at = position;
    while (buffer.hasRemaining()) {
      int read = in.read(buffer, at);
      if (read < 0) {
        throw new IOException(wheel + " ends early");
      }
      at += read;
    }
    buffer.flip();
    return buffer;
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A member's name for a message, control characters shown as '?'. */
  private static String text(byte[] name) {
    return new String(name, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
  }
}
