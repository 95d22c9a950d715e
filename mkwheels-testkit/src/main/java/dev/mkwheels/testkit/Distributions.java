package dev.mkwheels.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Tiny, valid wheels and sdists made on the spot: pip installs the wheels (a module named after the
 * project, a dist-info with METADATA, WHEEL and a RECORD of real hashes). The bytes do not depend
 * on the time zone; the deflated members come from the running JDK's zlib.
 */
public final class Distributions {
  private static final LocalDateTime TIME = LocalDateTime.of(2020, 2, 2, 0, 0);

  private Distributions() {}

  /** A pure-Python wheel {@code <name>-<version>-py3-none-any.whl} whose module is the name. */
  public static Path wheel(Path directory, String name, String version) throws IOException {
    return wheel(directory, name, version, "py3-none-any", Map.of());
  }

  /**
   * A wheel with the given tag triple ({@code py3-none-any}, {@code
   * cp311-cp311-manylinux_2_17_x86_64}, ...) and extra files (path in the wheel to bytes), written
   * deflated like every member.
   */
  public static Path wheel(
      Path directory, String name, String version, String tag, Map<String, byte[]> extra)
      throws IOException {
    String escaped = name.replaceAll("[-_.]+", "_");
    String module = escaped.toLowerCase(Locale.ROOT);
    String distInfo = escaped + "-" + version + ".dist-info/";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        module + "/__init__.py",
        ("NAME = '" + name + "'\nVERSION = '" + version + "'\n").getBytes(StandardCharsets.UTF_8));
    files.putAll(new TreeMap<>(extra));
    files.put(
        distInfo + "METADATA",
        ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        distInfo + "WHEEL",
        ("Wheel-Version: 1.0\nGenerator: mkwheels-testkit\nRoot-Is-Purelib: true\nTag: "
                + tag
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      record
          .append(file.getKey())
          .append(",sha256=")
          .append(urlSafeSha256(file.getValue()))
          .append(',')
          .append(file.getValue().length)
          .append('\n');
    }
    record.append(distInfo).append("RECORD,,\n");
    files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    Path wheel = directory.resolve(escaped + "-" + version + "-" + tag + ".whl");
    try (OutputStream out = Files.newOutputStream(wheel);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTimeLocal(TIME);
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return wheel;
  }

  /** An sdist {@code <name>-<version>.tar.gz} holding {@code <name>-<version>/PKG-INFO}. */
  public static Path sdist(Path directory, String name, String version) throws IOException {
    String stem = name + "-" + version;
    Path sdist = directory.resolve(stem + ".tar.gz");
    byte[] info =
        ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      TarArchiveEntry entry = new TarArchiveEntry(stem + "/PKG-INFO");
      entry.setSize(info.length);
      entry.setMode(0644);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(info);
      tar.closeArchiveEntry();
    }
    Files.write(sdist, bytes.toByteArray());
    return sdist;
  }

  /** RECORD's hash form: URL-safe base64 of the SHA-256, without padding. */
  public static String urlSafeSha256(byte[] bytes) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
