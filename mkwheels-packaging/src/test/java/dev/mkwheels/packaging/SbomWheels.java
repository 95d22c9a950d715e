package dev.mkwheels.packaging;

import dev.mkwheels.testkit.Distributions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Wheels with chosen METADATA headers and dist-info files, and a way to read a pack's SBOM. */
final class SbomWheels {
  private SbomWheels() {}

  /**
   * {@code <name>-<version>-py3-none-any.whl} whose METADATA has {@code headers} (whole lines)
   * after Name and Version, with {@code distInfoFiles} (path inside the dist-info to bytes) beside.
   */
  static Path wheel(
      Path directory,
      String name,
      String version,
      List<String> headers,
      Map<String, byte[]> distInfoFiles)
      throws IOException {
    Files.createDirectories(directory);
    String escaped = name.replaceAll("[-_.]+", "_");
    String distInfo = escaped + "-" + version + ".dist-info/";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(escaped.toLowerCase() + "/__init__.py", "".getBytes(StandardCharsets.UTF_8));
    StringBuilder metadata =
        new StringBuilder("Metadata-Version: 2.4\nName: " + name + "\nVersion: " + version + "\n");
    headers.forEach(h -> metadata.append(h).append('\n'));
    metadata.append("\nThe long description.\n");
    files.put(distInfo + "METADATA", metadata.toString().getBytes(StandardCharsets.UTF_8));
    new TreeMap<>(distInfoFiles).forEach((path, bytes) -> files.put(distInfo + path, bytes));
    files.put(
        distInfo + "WHEEL",
        "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    files.forEach(
        (path, bytes) ->
            record
                .append(path)
                .append(",sha256=")
                .append(Distributions.urlSafeSha256(bytes))
                .append(',')
                .append(bytes.length)
                .append('\n'));
    record.append(distInfo).append("RECORD,,\n");
    files.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    Path wheel = directory.resolve(escaped + "-" + version + "-py3-none-any.whl");
    try (OutputStream out = Files.newOutputStream(wheel);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTimeLocal(LocalDateTime.of(2020, 2, 2, 0, 0));
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return wheel;
  }

  /**
   * What the CycloneDX 1.6 JSON schema bundled in cyclonedx-core-java finds wrong with {@code sbom}
   * (offline); empty when it is valid.
   */
  static List<String> schemaProblems(byte[] sbom) throws Exception {
    return new org.cyclonedx.parsers.JsonParser()
        .validate(sbom, org.cyclonedx.Version.VERSION_16).stream()
            .map(Throwable::getMessage)
            .toList();
  }

  /** The {@code sbom.cdx.json} in a tarball, extracted by the system's tar. */
  static byte[] sbomOf(PackResult result, Path scratch) throws Exception {
    Path extracted = Files.createDirectories(scratch);
    Command.run(extracted, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    try (var tops = Files.list(extracted)) {
      Path top = tops.findFirst().orElseThrow();
      return Files.readAllBytes(top.resolve(SbomFile.NAME));
    }
  }
}
