package dev.mkwheels.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Makes a tiny, reproducible sdist ({@code name-version.tar.gz}) built by {@link BuildBackend}:
 * pyproject.toml naming its build requirements, PKG-INFO, {@code mkw.json}, one module.
 */
public final class SdistBuilder {
  private final WheelBuilder wheel;
  private final String project;
  private final String version;
  private final List<String> buildRequires = new ArrayList<>(List.of(BuildBackend.PROJECT));
  private boolean stamped;
  private String metadataVersion = "2.1";
  private final List<String> dynamic = new ArrayList<>();

  private SdistBuilder(String project, String version) {
    this.project = project;
    this.version = version;
    this.wheel = WheelBuilder.wheel(project, version);
  }

  public static SdistBuilder sdist(String project, String version) {
    return new SdistBuilder(project, version);
  }

  /** Requires-Dist of the wheel it builds. */
  public SdistBuilder requires(String... requirements) {
    wheel.requires(requirements);
    return this;
  }

  /** A file of the wheel it builds, besides the package's {@code __init__.py}. */
  public SdistBuilder file(String path, String content) {
    wheel.file(path, content);
    return this;
  }

  /**
   * What {@code [build-system] requires} lists besides the backend, for example another sdist that
   * must be vendored too.
   */
  public SdistBuilder buildRequires(String... requirements) {
    buildRequires.addAll(List.of(requirements));
    return this;
  }

  /**
   * Built the way setuptools builds: the wheel's zip records the build time and the umask's modes,
   * and a {@code .dist-info/BUILT} file SOURCE_DATE_EPOCH (see {@link BuildBackend}).
   */
  public SdistBuilder stamped() {
    stamped = true;
    return this;
  }

  /**
   * The PKG-INFO's {@code Metadata-Version} and its {@code Dynamic} fields (2.2+); a dynamic {@code
   * Requires-Dist} is left out of PKG-INFO, as a backend that computes it at build time does.
   */
  public SdistBuilder pkgInfo(String metadataVersion, String... dynamic) {
    this.metadataVersion = metadataVersion;
    this.dynamic.addAll(List.of(dynamic));
    return this;
  }

  public Dist build() {
    String root =
        project.replaceAll("[-_.]+", "_").toLowerCase(java.util.Locale.ROOT) + "-" + version + "/";
    Map<String, byte[]> entries = new TreeMap<>();
    String requires =
        buildRequires.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
    entries.put(
        root + "pyproject.toml",
        ("[build-system]\nrequires = ["
                + requires
                + "]\nbuild-backend = \""
                + BuildBackend.MODULE
                + "\"\n")
            .getBytes(StandardCharsets.UTF_8));
    entries.put(root + "PKG-INFO", pkgInfo().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", project);
    meta.put("version", version);
    meta.put("requires", wheel.requirements());
    meta.put("files", wheel.files());
    if (stamped) {
      meta.put("stamp", true);
    }
    try {
      byte[] json =
          new ObjectMapper()
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsBytes(meta);
      entries.put(root + "mkw.json", json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    wheel
        .files()
        .forEach((path, text) -> entries.put(root + path, text.getBytes(StandardCharsets.UTF_8)));
    String filename = root.substring(0, root.length() - 1) + ".tar.gz";
    return new Dist(project, version, filename, tarGz(entries));
  }

  private String pkgInfo() {
    boolean dynamicRequires = dynamic.stream().anyMatch(d -> d.equalsIgnoreCase("Requires-Dist"));
    StringBuilder text = new StringBuilder();
    for (String line : wheel.metadata().split("\n")) {
      if (line.startsWith("Metadata-Version: ")) {
        text.append("Metadata-Version: ").append(metadataVersion).append('\n');
        dynamic.forEach(d -> text.append("Dynamic: ").append(d).append('\n'));
      } else if (!(dynamicRequires && line.startsWith("Requires-Dist: "))) {
        text.append(line).append('\n');
      }
    }
    return text.toString();
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
        tarEntry.setUserId(0);
        tarEntry.setGroupId(0);
        tarEntry.setUserName("");
        tarEntry.setGroupName("");
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
