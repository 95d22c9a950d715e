package dev.mkwheels.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * A sound {@code .tar.gz} spoiled in place, the ways a hardened reader must refuse: a second gzip
 * member appended (which a concatenating reader would silently read on into), or the first member's
 * CRC-32 broken.
 */
public final class TamperedGzip {
  private TamperedGzip() {}

  /** Appends a second, valid gzip member holding {@code text}; returns {@code file}. */
  public static Path appendMember(Path file, String text) throws IOException {
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, member.toByteArray(), StandardOpenOption.APPEND);
    return file;
  }

  /**
   * Flips one bit of the CRC-32 in the gzip trailer (the eight bytes that end the file are the
   * CRC-32 and the length, little-endian); the compressed data is untouched. Returns {@code file}.
   */
  public static Path breakCrc(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 18) {
      throw new UncheckedIOException(new IOException(file + " is too short to be gzip"));
    }
    bytes[bytes.length - 8] ^= 1;
    Files.write(file, bytes);
    return file;
  }
}
