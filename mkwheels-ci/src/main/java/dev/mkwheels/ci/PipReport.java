package dev.mkwheels.ci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.marker.TargetEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code pip install --dry-run --report FILE} resolved (pip's installation report, format
 * version 1): each distribution with its metadata and the file pip chose, and the marker
 * environment of the interpreter.
 *
 * @param install every distribution, in pip's order
 * @param environment the marker variables pip reported, by their PEP 508 names
 */
record PipReport(List<Item> install, Map<String, String> environment) {

  PipReport {
    install = List.copyOf(install);
    environment = Map.copyOf(environment);
  }

  /**
   * The interpreter's marker environment; a variable the report lacks (an older pip) is the empty
   * string, as for a target that has no such value.
   */
  TargetEnvironment targetEnvironment() {
    return new TargetEnvironment(
        variable("implementation_name"),
        variable("implementation_version"),
        variable("os_name"),
        variable("platform_machine"),
        variable("platform_release"),
        variable("platform_system"),
        variable("platform_version"),
        variable("python_full_version"),
        variable("platform_python_implementation"),
        variable("python_version"),
        variable("sys_platform"));
  }

  private String variable(String name) {
    return environment.getOrDefault(name, "");
  }

  /**
   * One resolved distribution.
   *
   * @param pin its name and version as its metadata gives them
   * @param requested whether a requirement file named it (pip's {@code requested})
   * @param requestedExtras the extras it was requested with, normalized
   * @param requiresDist its {@code Requires-Dist} lines
   * @param sha256 the hash of the file pip chose, when pip reported one
   * @param url where that file is (for messages; credentials removed)
   */
  record Item(
      Pin pin,
      boolean requested,
      List<String> requestedExtras,
      List<String> requiresDist,
      Optional<String> sha256,
      String url) {
    Item {
      Objects.requireNonNull(pin, "pin is null");
      requestedExtras = List.copyOf(requestedExtras);
      requiresDist = List.copyOf(requiresDist);
      Objects.requireNonNull(sha256, "sha256 is null");
      Objects.requireNonNull(url, "url is null");
    }
  }

  /**
   * @throws CiException when the report is not one, or names a distribution a lock cannot pin (a
   *     direct URL, a local directory, a VCS checkout)
   */
  static PipReport parse(byte[] json) throws CiException {
    JsonNode root = Json.parse(json, "pip's installation report");
    if (!root.path("install").isArray()) {
      throw new CiException("pip's installation report has no 'install' list (pip too old?)");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode node : root.path("install")) {
      JsonNode metadata = node.path("metadata");
      String name = metadata.path("name").asText("");
      String version = metadata.path("version").asText("");
      if (name.isEmpty() || version.isEmpty() || !Pin.isValidName(name)) {
        throw new CiException("pip's installation report has an entry without a name or version");
      }
      JsonNode download = node.path("download_info");
      String url = download.path("url").asText("");
      if (node.path("is_direct").asBoolean(false)
          || download.has("vcs_info")
          || download.has("dir_info")) {
        throw new CiException(
            name
                + " "
                + version
                + " comes from a direct reference ("
                + Redaction.mask(url)
                + "); a lock pins releases of an index, so name it as name==version");
      }
      JsonNode archive = download.path("archive_info");
      Optional<String> sha256 =
          Optional.ofNullable(archive.path("hashes").path("sha256").textValue());
      if (sha256.isEmpty() && archive.path("hash").asText("").startsWith("sha256=")) {
        sha256 = Optional.of(archive.path("hash").asText().substring("sha256=".length()));
      }
      List<String> extras = new ArrayList<>();
      node.path("requested_extras").forEach(e -> extras.add(Pin.normalize(e.asText())));
      items.add(
          new Item(
              new Pin(name, version),
              node.path("requested").asBoolean(false),
              extras,
              OsvDatabase.strings(metadata.path("requires_dist")),
              sha256.map(h -> h.toLowerCase(Locale.ROOT)),
              Redaction.mask(url)));
    }
    Map<String, String> environment = new TreeMap<>();
    root.path("environment")
        .fields()
        .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
    return new PipReport(items, environment);
  }
}
