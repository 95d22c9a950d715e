package dev.mkwheels.packaging;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.python.name.ProjectName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * {@code sbom.cdx.json}: a CycloneDX 1.6 SBOM of the tarball, written with cyclonedx-core-java. The
 * metadata component is the artifact (its normalized name and version); each distribution is one
 * library component whose bom-ref is its file name, with its purl ({@code pkg:pypi/name@version}
 * and the PyPI type's {@code file_name} qualifier, since one release may have several files), its
 * sha256, its license and its dependencies on the other distributions of the tree (every {@code
 * Requires-Dist} whose project is present, whatever its marker). The SBOMs a wheel embeds (PEP 770)
 * are merged in as the wheel's nested components ({@link EmbeddedSboms}).
 *
 * <p>The bytes depend on the inputs alone: components and dependencies sorted, every object's keys
 * sorted, two-space indent and {@code "\n"}, the timestamp the epoch, no tool version, and a serial
 * number that is a name-based UUID of the artifact's name and the sorted hashes.
 */
final class SbomFile {
  static final String NAME = "sbom.cdx.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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
      Map<String, String> sha256)
      throws MkwheelsException {
    Bom bom = new Bom();
    bom.setSerialNumber(serialNumber(base, sha256));
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    metadata.setTimestamp(new Date(epoch * 1000));
    ToolInformation tools = new ToolInformation();
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("mkwheels");
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    Component artifact = new Component();
    artifact.setType(Component.Type.APPLICATION);
    artifact.setBomRef(base);
    artifact.setName(ProjectName.normalize(name));
    artifact.setVersion(version);
    metadata.setComponent(artifact);
    bom.setMetadata(metadata);

    Map<String, List<String>> byProject =
        SbomSource.filesByProject(new ArrayList<>(sources.values()));
    Map<String, TreeSet<String>> edges = new TreeMap<>();
    edges.put(base, new TreeSet<>(sources.keySet()));
    List<Component> components = new ArrayList<>();
    for (SbomSource source : new TreeMap<>(sources).values()) {
      String ref = source.file().fileName();
      Component component = new Component();
      component.setType(Component.Type.LIBRARY);
      component.setBomRef(ref);
      component.setName(source.name());
      component.setVersion(source.version());
      component.setPurl(purl(source));
      component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, sha256.get(ref))));
      SbomLicenses.of(source).ifPresent(component::setLicenses);
      TreeSet<String> dependsOn = edges.computeIfAbsent(ref, k -> new TreeSet<>());
      for (String project : source.requires()) {
        if (!project.equals(source.file().project())) {
          dependsOn.addAll(byProject.getOrDefault(project, List.of()));
        }
      }
      EmbeddedSboms.merge(component, source.embedded(), edges);
      components.add(component);
    }
    bom.setComponents(components);
    List<Dependency> dependencies = new ArrayList<>();
    edges.forEach(
        (from, to) -> {
          Dependency dependency = new Dependency(from);
          for (String target : to) {
            dependency.addDependency(new Dependency(target));
          }
          dependencies.add(dependency);
        });
    bom.setDependencies(dependencies);
    try {
      return sorted(BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString());
    } catch (GeneratorException e) {
      throw new MkwheelsException("cannot write " + NAME + ": " + e.getMessage(), e);
    }
  }

  /** Re-written with every object's keys sorted, two-space indent and "\n" line ends. */
  static byte[] sorted(String json) {
    try {
      Object tree = JSON.readValue(json, Object.class);
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
      printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
      return (JSON.writer(printer).writeValueAsString(tree) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cyclonedx-core-java wrote JSON that does not parse", e);
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
