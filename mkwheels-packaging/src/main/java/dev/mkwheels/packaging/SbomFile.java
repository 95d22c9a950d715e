package dev.mkwheels.packaging;

import dev.mkwheels.python.name.ProjectName;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code sbom.cdx.json}: a CycloneDX 1.6 SBOM of the tarball. The metadata component is the
 * artifact (its normalized name and version); each distribution is one library component whose
 * bom-ref is its file name, with its purl ({@code pkg:pypi/name@version} and the PyPI type's {@code
 * file_name} qualifier, since one release may have several files), its sha256, its license and its
 * dependencies on the other distributions of the tree (every {@code Requires-Dist} whose project is
 * present, whatever its marker). The SBOMs a wheel embeds (PEP 770) are merged in as the wheel's
 * nested components ({@link EmbeddedSboms}).
 *
 * <p>The bytes depend on the inputs alone: components and dependencies sorted, every object's keys
 * sorted, two-space indent and {@code "\n"}, the timestamp the epoch, no tool version, and a serial
 * number that is a name-based UUID of the artifact's name and the sorted hashes. The JSON is
 * written as a tree ({@link SbomJson}), not through cyclonedx-core-java's model and generator as up
 * to wave 7: their first use in a JVM took 0.5 s of a 3 s pack of 532 MB, and the round trip wrote
 * {@code "url": null} in an embedded patch, which 1.6 refuses. The bytes are those it wrote
 * wherever its output was valid: {@code SbomReferenceTest} renders both ways, and validates against
 * the schema.
 */
final class SbomFile {
  static final String NAME = "sbom.cdx.json";
  // CycloneDX's date-time (JSON schema "date-time"), to the second, in UTC.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SbomFile() {}

  /**
   * @param base the artifact's top directory, {@code <name>-wheels-<version>}
   * @param sources each distribution's facts, by file name
   * @param sha256 each distribution's sha256, by file name
   */
  static byte[] render(
      String base,
      String name,
      String version,
      long epoch,
      Map<String, SbomSource> sources,
      Map<String, String> sha256) {
    return draft(base, name, version, epoch, sources).complete(sha256);
  }

  /**
   * All of {@link #render}'s work but the hashes, which need every file read: so that the SBOM is
   * made while the files are still being hashed. Each hash and the serial number go in as a random
   * placeholder, which {@link Draft#complete} replaces; the hashes change no order, so the bytes
   * are {@link #render}'s.
   *
   * @param sources each distribution's facts, by file name
   */
  static Draft draft(
      String base, String name, String version, long epoch, Map<String, SbomSource> sources) {
    Draft.Placeholders placeholders = new Draft.Placeholders();
    Map<String, Object> artifact = new TreeMap<>();
    artifact.put("type", "application");
    artifact.put("bom-ref", base);
    artifact.put("name", ProjectName.normalize(name));
    artifact.put("version", version);
    Map<String, Object> metadata = new TreeMap<>();
    metadata.put("timestamp", TIMESTAMP.format(Instant.ofEpochSecond(epoch)));
    metadata.put(
        "tools", Map.of("components", List.of(Map.of("type", "application", "name", "mkwheels"))));
    metadata.put("component", artifact);

    Map<String, List<String>> byProject =
        SbomSource.filesByProject(new ArrayList<>(sources.values()));
    Map<String, TreeSet<String>> edges = new TreeMap<>();
    edges.put(base, new TreeSet<>(sources.keySet()));
    List<Object> components = new ArrayList<>();
    for (SbomSource source : new TreeMap<>(sources).values()) {
      String ref = source.file().fileName();
      Map<String, Object> component = new TreeMap<>();
      component.put("type", "library");
      component.put("bom-ref", ref);
      component.put("name", source.name());
      component.put("version", source.version());
      component.put("purl", purl(source));
      component.put(
          "hashes", List.of(Map.of("alg", "SHA-256", "content", placeholders.sha256(ref))));
      SbomLicenses.of(source).ifPresent(licenses -> component.put("licenses", licenses));
      TreeSet<String> dependsOn = edges.computeIfAbsent(ref, k -> new TreeSet<>());
      for (String project : source.requires()) {
        if (!project.equals(source.file().project())) {
          dependsOn.addAll(byProject.getOrDefault(project, List.of()));
        }
      }
      EmbeddedSboms.merge(ref, component, source.embedded(), edges);
      components.add(component);
    }
    List<Object> dependencies = new ArrayList<>();
    edges.forEach(
        (from, to) -> dependencies.add(Map.of("ref", from, "dependsOn", new ArrayList<>(to))));
    Map<String, Object> bom = new TreeMap<>();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.6");
    bom.put("serialNumber", placeholders.serialNumber());
    bom.put("version", 1);
    bom.put("metadata", metadata);
    bom.put("components", components);
    bom.put("dependencies", dependencies);
    return new Draft(base, SbomJson.write(bom), placeholders);
  }

  /** An SBOM whose hashes and serial number are placeholders, to be completed once. */
  static final class Draft {
    private final String base;
    private final String json;
    private final Placeholders placeholders;

    private Draft(String base, String json, Placeholders placeholders) {
      this.base = base;
      this.json = json;
      this.placeholders = placeholders;
    }

    /**
     * The SBOM's bytes with the files' hashes in.
     *
     * @param sha256 every distribution's sha256, by file name (the serial number is made of them)
     */
    byte[] complete(Map<String, String> sha256) {
      StringBuilder out = new StringBuilder(json.length() + 64 * sha256.size());
      String serial = "\"" + placeholders.serialNumber() + "\"";
      int serialAt = json.indexOf(serial);
      if (serialAt < 0 || json.indexOf(serial, serialAt + 1) >= 0) {
        throw new IllegalStateException("the SBOM's serial number placeholder is not there once");
      }
      String text =
          json.substring(0, serialAt)
              + "\""
              + serialNumber(base, sha256)
              + "\""
              + json.substring(serialAt + serial.length());
      // One pass: every placeholder is the nonce then a file's index, both hexadecimal.
      String nonce = placeholders.nonce();
      int from = 0;
      for (int at; (at = text.indexOf(nonce, from)) >= 0; ) {
        int end = at + Placeholders.LENGTH;
        String file = placeholders.file(text.substring(at, end));
        String hash = sha256.get(file);
        if (hash == null) {
          throw new IllegalArgumentException("no sha256 for " + file);
        }
        out.append(text, from, at).append(hash);
        from = end;
      }
      return out.append(text, from, text.length()).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A random nonce per draft, so that no text a wheel embeds can pass for a placeholder. */
    private static final class Placeholders {
      static final int LENGTH = 64;
      private static final int INDEX = 16;
      private final String nonce;
      private final Map<String, String> byFile = new TreeMap<>();
      private final Map<String, String> byPlaceholder = new HashMap<>();
      private final String serialNumber = "urn:uuid:" + UUID.randomUUID();

      Placeholders() {
        byte[] random = new byte[(LENGTH - INDEX) / 2];
        new SecureRandom().nextBytes(random);
        nonce = HexFormat.of().formatHex(random);
      }

      String nonce() {
        return nonce;
      }

      String serialNumber() {
        return serialNumber;
      }

      /** The placeholder of {@code file}'s sha256. */
      String sha256(String file) {
        String placeholder = byFile.get(file);
        if (placeholder == null) {
          placeholder = nonce + HexFormat.of().toHexDigits((long) byFile.size());
          byFile.put(file, placeholder);
          byPlaceholder.put(placeholder, file);
        }
        return placeholder;
      }

      String file(String placeholder) {
        String file = byPlaceholder.get(placeholder);
        if (file == null) {
          throw new IllegalStateException("an unknown SBOM placeholder: " + placeholder);
        }
        return file;
      }
    }
  }

  private static String serialNumber(String base, Map<String, String> sha256) {
    StringBuilder text = new StringBuilder(base).append('\n');
    new TreeSet<>(sha256.values()).forEach(hash -> text.append(hash).append('\n'));
    return "urn:uuid:" + UUID.nameUUIDFromBytes(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code pkg:pypi/<normalized name>@<version>?file_name=<file>}, percent-encoded as purl says.
   */
  static String purl(SbomSource source) {
    return "pkg:pypi/"
        + encode(source.file().project())
        + "@"
        + encode(source.version())
        + "?file_name="
        + encode(source.file().fileName());
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }
}
