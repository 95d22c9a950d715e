package dev.mkwheels.packaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GNU-format tar headers built from a name and a size, with every field set: mode 0644 or 0755, uid
 * and gid 0, empty owner names (as {@code --numeric-owner} writes), mtime the epoch, device numbers
 * 0, no link name. A name over 100 bytes goes first in a {@code ././@LongLink} entry, the form GNU
 * tar writes by default and Python's tarfile reads; never a PAX header, so there are no atime or
 * ctime records to leak.
 */
final class TarHeader {
  static final int BLOCK = PackFormat.TAR_BLOCK;
  private static final int NAME_LENGTH = 100;
  private static final String LONG_LINK = "././@LongLink";
  private static final byte REGULAR = '0';
  private static final byte DIRECTORY = '5';
  private static final byte GNU_LONG_NAME = 'L';

  private TarHeader() {}

  /** The header blocks of a regular file (mode 0644). */
  static byte[] file(String name, long size, long mtime) {
    return entry(name, REGULAR, 0644, size, mtime);
  }

  /** The header blocks of a directory (mode 0755); {@code name} ends with a slash. */
  static byte[] directory(String name, long mtime) {
    if (!name.endsWith("/")) {
      throw new IllegalArgumentException("a directory name ends with '/': " + name);
    }
    return entry(name, DIRECTORY, 0755, 0, mtime);
  }

  /** Zero bytes that pad {@code size} bytes of content to a whole block. */
  static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static byte[] entry(String name, byte type, int mode, long size, long mtime) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= NAME_LENGTH) {
      return header(bytes, type, mode, size, mtime);
    }
    // The long name, NUL-terminated, as the content of a 'L' entry, then the real header with
    // the name cut to its field.
    byte[] content = Arrays.copyOf(bytes, bytes.length + 1);
    byte[] longLink =
        header(
            LONG_LINK.getBytes(StandardCharsets.US_ASCII),
            GNU_LONG_NAME,
            0644,
            content.length,
            mtime);
    int contentBlocks = (content.length + BLOCK - 1) / BLOCK;
    byte[] result = new byte[BLOCK * (2 + contentBlocks)];
    System.arraycopy(longLink, 0, result, 0, BLOCK);
    System.arraycopy(content, 0, result, BLOCK, content.length);
    byte[] real = header(Arrays.copyOf(bytes, NAME_LENGTH), type, mode, size, mtime);
    System.arraycopy(real, 0, result, BLOCK * (1 + contentBlocks), BLOCK);
    return result;
  }

  private static byte[] header(byte[] name, byte type, int mode, long size, long mtime) {
    byte[] block = new byte[BLOCK];
    System.arraycopy(name, 0, block, 0, name.length);
    octal(block, 100, 8, mode);
    octal(block, 108, 8, 0); // uid
    octal(block, 116, 8, 0); // gid
    number(block, 124, 12, size);
    number(block, 136, 12, mtime);
    block[156] = type;
    // linkname (157..256) stays NUL.
    ascii(block, 257, "ustar  \0"); // GNU magic and version
    // uname (265..296) and gname (297..328) stay empty: owners by number only.
    octal(block, 329, 8, 0); // devmajor
    octal(block, 337, 8, 0); // devminor
    // prefix and padding (345..511) stay NUL: GNU format does not use the prefix.
    Arrays.fill(block, 148, 156, (byte) ' ');
    int checksum = 0;
    for (byte b : block) {
      checksum += b & 0xFF;
    }
    octal(block, 148, 7, checksum); // six digits and NUL, then the space already there

    return block;
  }

  /** A zero-padded octal field ending in NUL, or GNU base-256 when the value does not fit. */
  private static void number(byte[] block, int offset, int length, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative tar field: " + value);
    }
    if (value < 1L << (3 * (length - 1))) {
      octal(block, offset, length, value);
      return;
    }
    block[offset] = (byte) 0x80;
    long rest = value;
    for (int i = offset + length - 1; i > offset; i--) {
      block[i] = (byte) rest;
      rest >>>= 8;
    }
  }

  private static void octal(byte[] block, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    ascii(block, offset, padded);
    block[offset + length - 1] = 0;
  }

  private static void ascii(byte[] block, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }
}
