package dev.mkwheels.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Rewrites the {@code PKG-INFO} of an sdist made by {@link SdistBuilder}, so that a test can serve
 * an sdist whose metadata is static (Metadata-Version 2.2 or later, nothing {@code Dynamic}), or
 * one that declares {@code Requires-Dist} dynamic and lists something its build does not require.
 * The rest of the archive, and so what {@link BuildBackend} builds from it, stays as it was; the
 * bytes stay reproducible.
 */
public final class SdistPkgInfo {
  private SdistPkgInfo() {}

  /**
   * {@code sdist} with its top-level {@code PKG-INFO} replaced by {@code pkgInfo}.
   *
   * @throws IllegalArgumentException when {@code sdist} has no top-level {@code PKG-INFO}
   */
  public static Dist withPkgInfo(Dist sdist, String pkgInfo) {
    Map<String, byte[]> entries = new TreeMap<>();
    boolean replaced = false;
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(sdist.bytes())))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        byte[] content = tar.readAllBytes();
        if (e.getName().matches("[^/]+/PKG-INFO")) {
          content = pkgInfo.getBytes(StandardCharsets.UTF_8);
          replaced = true;
        }
        entries.put(e.getName(), content);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!replaced) {
      throw new IllegalArgumentException(sdist.filename() + " has no top-level PKG-INFO");
    }
    return new Dist(sdist.project(), sdist.version(), sdist.filename(), tarGz(entries));
  }

  private static byte[] tarGz(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GzipParameters gzip = new GzipParameters();
    gzip.setModificationTime(0);
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(out, gzip))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
        tarEntry.setSize(entry.getValue().length);
        tarEntry.setMode(0644);
        tarEntry.setModTime(86_400_000L);
        tar.putArchiveEntry(tarEntry);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
