package dev.mkwheels.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An OSV offline export ({@code all.zip}) written by a test: one JSON file per advisory, in the
 * order added, or any raw entry (malformed, huge, badly named) to see it refused.
 */
public final class OsvExport {
  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  /** A raw entry, exactly these bytes under this name. */
  public OsvExport raw(String name, byte[] bytes) {
    entries.put(requireNonNull(name, "name is null"), bytes.clone());
    return this;
  }

  /** A raw JSON entry. */
  public OsvExport json(String name, String json) {
    return raw(name, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One advisory affecting one PyPI package.
   *
   * @param affected the {@code affected[]} object's members besides {@code package}, as JSON text,
   *     for example {@code "ranges": [...], "versions": [...]}
   * @param more other top-level members, as JSON text ({@code "withdrawn": "..."}), or empty
   */
  public OsvExport advisory(
      String id,
      String ecosystem,
      String name,
      String modified,
      List<String> aliases,
      String affected,
      String more) {
    String aliasJson =
        aliases.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    String json =
        "{\"id\": \""
            + id
            + "\", \"modified\": \""
            + modified
            + "\", \"aliases\": "
            + aliasJson
            + (more.isEmpty() ? "" : ", " + more)
            + ", \"affected\": [{\"package\": {\"ecosystem\": \""
            + ecosystem
            + "\", \"name\": \""
            + name
            + "\"}"
            + (affected.isEmpty() ? "" : ", " + affected)
            + "}]}";
    return json(id + ".json", json);
  }

  /** Writes the zip (deflated entries) to {@code file}. */
  public Path write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }
}
