package dev.mkwheels.resolver;

import dev.mkwheels.python.metadata.CoreMetadata;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@code PKG-INFO} of an sdist, read in place (nothing is extracted to disk): the one member
 * named {@code TOP/PKG-INFO} of a {@code .tar.gz} or {@code .zip}, at most {@link #MAX_BYTES}. And
 * whether it can stand for the built wheel's metadata: Metadata-Version 2.2 or later (PEP 643), and
 * none of the fields the resolver reads declared {@code Dynamic}.
 */
final class SdistMetadata {
  /** A PKG-INFO is a few kilobytes; a long description a few hundred. */
  static final int MAX_BYTES = 4 << 20;

  /** The fields a resolution reads: when one is dynamic only a build knows it. */
  private static final List<String> RESOLVED =
      List.of("requires-dist", "requires-python", "provides-extra");

  private SdistMetadata() {}

  /**
   * The sdist's {@code PKG-INFO}; empty when it has none at its top level.
   *
   * @throws IOException when the archive cannot be read, is not a {@code .tar.gz} or {@code .zip},
   *     or its PKG-INFO is too large
   */
  static Optional<CoreMetadata> read(Path sdist, String fileName) throws IOException {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".zip")) {
      return readZip(sdist);
    }
    if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      return readTarGz(sdist);
    }
    throw new IOException("not a .tar.gz or .zip sdist");
  }

  /**
   * Whether {@code metadata} is static for what the resolver reads (PEP 643: Metadata-Version 2.2+
   * and no {@code Dynamic} naming Requires-Dist, Requires-Python or Provides-Extra).
   */
  static boolean isStatic(CoreMetadata metadata) {
    Optional<String> version = metadata.metadataVersion();
    if (version.isEmpty() || !atLeast22(version.get().strip())) {
      return false;
    }
    return metadata.dynamic().stream()
        .map(d -> d.strip().toLowerCase(Locale.ROOT))
        .noneMatch(RESOLVED::contains);
  }

  private static boolean atLeast22(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > 2 || major == 2 && minor >= 2;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isTopLevelPkgInfo(String name) {
    String path = name.startsWith("./") ? name.substring(2) : name;
    int slash = path.indexOf('/');
    return slash > 0 && path.substring(slash + 1).equals("PKG-INFO");
  }

  private static Optional<CoreMetadata> readTarGz(Path sdist) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(sdist));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isFile() && isTopLevelPkgInfo(entry.getName())) {
          return Optional.of(parse(tar, entry.getSize()));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<CoreMetadata> readZip(Path sdist) throws IOException {
    try (ZipFile zip = new ZipFile(sdist.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory() && isTopLevelPkgInfo(entry.getName())) {
          try (InputStream in = zip.getInputStream(entry)) {
            return Optional.of(parse(in, entry.getSize()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Reads at most {@link #MAX_BYTES}, whatever the archive says the size is. */
  private static CoreMetadata parse(InputStream in, long declared) throws IOException {
    if (declared > MAX_BYTES) {
      throw new IOException("its PKG-INFO is " + declared + " bytes, more than " + MAX_BYTES);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_BYTES) {
        throw new IOException("its PKG-INFO is more than " + MAX_BYTES + " bytes");
      }
    }
    return CoreMetadata.parse(out.toString(StandardCharsets.UTF_8));
  }
}
