package dev.mkwheels.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes the archives a hostile or broken server could send: any name, any link, any type, and
 * headers that promise more than follows. Entries are written from names with every field set, so
 * nothing depends on the disk.
 */
final class TarGz {
  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  TarGz dir(String name) {
    return put(
        entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0755), new byte[0]);
  }

  TarGz file(String name, String content) {
    return file(name, content, 0644);
  }

  TarGz file(String name, String content, int mode) {
    return put(entry(name, TarConstants.LF_NORMAL, mode), content.getBytes(StandardCharsets.UTF_8));
  }

  TarGz symlink(String name, String target) {
    TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  TarGz hardLink(String name, String target) {
    TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, 0644);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  TarGz special(String name, byte type) {
    return put(entry(name, type, 0644), new byte[0]);
  }

  /**
   * A header claiming {@code size} bytes, followed by none of them: what a bomb or a broken server
   * looks like to a reader that trusts headers.
   */
  TarGz headerOnly(String name, long size) {
    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, 0644);
    entry.setSize(size);
    header(entry);
    return this;
  }

  /** The tar with its two end-of-archive records, gzipped. */
  byte[] bytes() {
    return gzip(tar());
  }

  /** The tar with its two end-of-archive records, not compressed. */
  byte[] tar() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(tar.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  /** The gzip of {@code content}: for a valid gzip holding something that is not a tar. */
  static byte[] gzip(byte[] content) {
    return gzip(content, Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * The gzip of {@code content} at {@code level}; at {@link Deflater#NO_COMPRESSION} the deflate
   * data is stored blocks, so a flipped content byte is still a valid stream that only the CRC can
   * catch.
   */
  static byte[] gzip(byte[] content, int level) {
    try {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream zip =
          new GZIPOutputStream(gz) {
            {
              def.setLevel(level);
            }
          }) {
        zip.write(content);
      }
      return gz.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Written by hand, header by header, so that a test controls every byte a reader sees.
  private TarGz put(TarArchiveEntry entry, byte[] content) {
    entry.setSize(content.length);
    header(entry);
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  private void header(TarArchiveEntry entry) {
    byte[] header = new byte[512];
    entry.writeEntryHeader(header);
    tar.writeBytes(header);
  }

  private static TarArchiveEntry entry(String name, byte type, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
    entry.setMode(mode);
    entry.setModTime(1_700_000_000_000L);
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("root");
    entry.setGroupName("root");
    return entry;
  }
}
