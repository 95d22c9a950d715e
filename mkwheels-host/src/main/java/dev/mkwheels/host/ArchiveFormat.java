package dev.mkwheels.host;

import dev.mkwheels.host.internal.StrictTar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The archive formats the host unpacks, told apart by their first bytes, never by a URL or a {@code
 * Content-Type}: a server names a file however it likes.
 */
enum ArchiveFormat {
  /** A tar compressed by gzip: {@code 1f 8b}. */
  TAR_GZ(".tar.gz", "gzip", new byte[] {0x1f, (byte) 0x8b}),
  /** A tar compressed by bzip2: {@code BZh}. */
  TAR_BZ2(".tar.bz2", "bzip2", new byte[] {'B', 'Z', 'h'}),
  /** A tar compressed by xz: {@code fd 37 7a 58 5a 00}. */
  TAR_XZ(".tar.xz", "xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
  /** A zip: a local file header, {@code PK 03 04}. */
  ZIP(".zip", "zip", new byte[] {'P', 'K', 3, 4});

  private final String suffix;
  private final String compression;
  private final byte[] magic;

  ArchiveFormat(String suffix, String compression, byte[] magic) {
    this.suffix = suffix;
    this.compression = compression;
    this.magic = magic;
  }

  /** How messages name the format, for example {@code .tar.gz}. */
  String suffix() {
    return suffix;
  }

  /** How messages name the compression, for example {@code gzip}. */
  String compression() {
    return compression;
  }

  /**
   * How {@link StrictTar} reads this tar.
   *
   * @throws IllegalArgumentException for {@link #ZIP}, which is no tar
   */
  StrictTar.Compression tar() {
    return switch (this) {
      case TAR_GZ -> StrictTar.Compression.GZIP;
      case TAR_BZ2 -> StrictTar.Compression.BZIP2;
      case TAR_XZ -> StrictTar.Compression.XZ;
      case ZIP -> throw new IllegalArgumentException("a zip archive is not a tar");
    };
  }

  /** The format {@code archive} starts as, or empty when it is none of these. */
  static Optional<ArchiveFormat> detect(Path archive) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(archive)) {
      head = in.readNBytes(8);
    }
    return Arrays.stream(values()).filter(f -> f.matches(head)).findFirst();
  }

  private boolean matches(byte[] head) {
    return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }
}
