package dev.mkwheels.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes a tiny, byte-for-byte reproducible wheel: METADATA with the given {@code Requires-Dist} and
 * extras, WHEEL, RECORD, and one module per {@link #module}.
 */
public final class WheelBuilder {
  /** Every entry's time: zip cannot store times before 1980. */
  private static final FileTime ZIP_TIME = FileTime.fromMillis(315_532_800_000L + 86_400_000L);

  private final String project;
  private final String version;
  private String tag = "py3-none-any";
  private String requiresPython;
  private final List<String> requires = new ArrayList<>();
  private final List<String> extras = new ArrayList<>();
  private final Map<String, String> files = new TreeMap<>();

  private WheelBuilder(String project, String version) {
    this.project = project;
    this.version = version;
  }

  /** A pure-Python wheel of {@code project} {@code version} with one module named after it. */
  public static WheelBuilder wheel(String project, String version) {
    WheelBuilder builder = new WheelBuilder(project, version);
    String module = project.replaceAll("[-.]", "_").toLowerCase(java.util.Locale.ROOT);
    return builder.file(module + "/__init__.py", "VERSION = '" + version + "'\n");
  }

  /** Requires-Dist lines, for example {@code beta>=1; extra == "fast"}. */
  public WheelBuilder requires(String... requirements) {
    requires.addAll(List.of(requirements));
    return this;
  }

  /** Provides-Extra lines. */
  public WheelBuilder extras(String... names) {
    extras.addAll(List.of(names));
    return this;
  }

  /** The compatibility tag, for example {@code cp312-cp312-manylinux_2_17_x86_64}. */
  public WheelBuilder tag(String compatibilityTag) {
    this.tag = compatibilityTag;
    return this;
  }

  public WheelBuilder requiresPython(String specifier) {
    this.requiresPython = specifier;
    return this;
  }

  /** A file in the wheel, by its path inside it. */
  public WheelBuilder file(String path, String content) {
    files.put(path, content);
    return this;
  }

  public Dist build() {
    String distName = project.replaceAll("[-_.]+", "_");
    String distInfo = distName + "-" + version + ".dist-info/";
    Map<String, byte[]> entries = new TreeMap<>();
    files.forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
    entries.put(distInfo + "METADATA", metadata().getBytes(StandardCharsets.UTF_8));
    entries.put(
        distInfo + "WHEEL",
        ("Wheel-Version: 1.0\nGenerator: mkwheels-testkit\nRoot-Is-Purelib: "
                + tag.endsWith("-none-any")
                + "\nTag: "
                + tag
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    entries.forEach(
        (path, bytes) ->
            record
                .append(path)
                .append(",sha256=")
                .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest(bytes)))
                .append(',')
                .append(bytes.length)
                .append('\n'));
    record.append(distInfo).append("RECORD,,\n");
    entries.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    String filename = distName + "-" + version + "-" + tag + ".whl";
    return new Dist(project, version, filename, zip(entries));
  }

  /** The core metadata, as an sdist's PKG-INFO and a wheel's METADATA both carry it. */
  String metadata() {
    StringBuilder text =
        new StringBuilder(
            "Metadata-Version: 2.1\nName: " + project + "\nVersion: " + version + "\n");
    if (requiresPython != null) {
      text.append("Requires-Python: ").append(requiresPython).append('\n');
    }
    extras.forEach(e -> text.append("Provides-Extra: ").append(e).append('\n'));
    requires.forEach(r -> text.append("Requires-Dist: ").append(r).append('\n'));
    return text.toString();
  }

  List<String> requirements() {
    return List.copyOf(requires);
  }

  Map<String, String> files() {
    return new TreeMap<>(files);
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setLastModifiedTime(ZIP_TIME);
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] digest(byte[] bytes) {
    return java.util.HexFormat.of().parseHex(Dist.sha256(bytes));
  }
}
