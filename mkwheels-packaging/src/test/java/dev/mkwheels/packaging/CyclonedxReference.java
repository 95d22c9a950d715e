package dev.mkwheels.packaging;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mkwheels.python.name.ProjectName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.AttachmentText;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * The SBOM as mkwheels wrote it up to 0.1.0 (wave 7), through cyclonedx-core-java's model and
 * generator: the reference {@link SbomFile} must give the same bytes as, wherever that round trip
 * wrote valid CycloneDX 1.6 ({@code SbomReferenceTest}).
 */
final class CyclonedxReference {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final ObjectMapper TREE = new ObjectMapper();
  private static final JsonParser PARSER = new JsonParser();

  private CyclonedxReference() {}

  /** {@code sbom.cdx.json} for {@code sources}, with {@code sha256} as each file's hash. */
  static byte[] render(
      String base,
      String name,
      String version,
      long epoch,
      Map<String, SbomSource> sources,
      Map<String, String> sha256)
      throws Exception {
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
      licenses(source).ifPresent(component::setLicenses);
      TreeSet<String> dependsOn = edges.computeIfAbsent(ref, k -> new TreeSet<>());
      for (String project : source.requires()) {
        if (!project.equals(source.file().project())) {
          dependsOn.addAll(byProject.getOrDefault(project, List.of()));
        }
      }
      merge(component, source.embedded(), edges);
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
    String json = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
    Object tree = JSON.readValue(json, Object.class);
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    return (JSON.writer(printer).writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String serialNumber(String base, Map<String, String> sha256) {
    StringBuilder text = new StringBuilder(base).append('\n');
    new TreeSet<>(sha256.values()).forEach(hash -> text.append(hash).append('\n'));
    return "urn:uuid:" + UUID.nameUUIDFromBytes(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String purl(SbomSource source) {
    return SbomFile.purl(source);
  }

  private static Optional<LicenseChoice> licenses(SbomSource source) {
    LicenseChoice choice = new LicenseChoice();
    if (source.licenseExpression().isPresent()) {
      choice.setExpression(new Expression(source.licenseExpression().get()));
      return Optional.of(choice);
    }
    if (source.license().isPresent()) {
      String text = source.license().get();
      String first = text.lines().findFirst().orElse(text).strip();
      License license = new License();
      license.setName(first.length() > 100 ? first.substring(0, 100) + "..." : first);
      if (!first.equals(text)) {
        AttachmentText attachment = new AttachmentText();
        attachment.setContentType("text/plain");
        attachment.setText(text);
        license.setLicenseText(attachment);
      }
      choice.addLicense(license);
      return Optional.of(choice);
    }
    if (!source.licenseClassifiers().isEmpty()) {
      for (String classifier : source.licenseClassifiers()) {
        License license = new License();
        license.setName(classifier);
        choice.addLicense(license);
      }
      return Optional.of(choice);
    }
    return Optional.empty();
  }

  private static void merge(
      Component owner, SortedMap<String, byte[]> embedded, Map<String, TreeSet<String>> edges) {
    List<Component> nested = new ArrayList<>();
    List<Property> notMerged = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : embedded.entrySet()) {
      String path = file.getKey();
      String problem = problem(file.getValue());
      Bom bom = null;
      if (problem == null) {
        try {
          bom = PARSER.parse(file.getValue());
        } catch (ParseException | RuntimeException e) {
          problem = "it does not parse as CycloneDX";
        }
      }
      if (bom == null) {
        Property property = new Property();
        property.setName(EmbeddedSboms.NOT_MERGED);
        property.setValue(path + ": " + problem);
        notMerged.add(property);
        continue;
      }
      // The path under sboms/, so that two files of one name in two folders stay apart.
      String prefix =
          owner.getBomRef()
              + "#"
              + path.substring(path.indexOf("/sboms/") + "/sboms/".length())
              + ":";
      Map<String, String> refs = new HashMap<>();
      if (bom.getMetadata() != null
          && bom.getMetadata().getComponent() != null
          && bom.getMetadata().getComponent().getBomRef() != null) {
        refs.put(bom.getMetadata().getComponent().getBomRef(), owner.getBomRef());
      }
      List<Component> components = bom.getComponents() == null ? List.of() : bom.getComponents();
      int[] unnamed = {0};
      for (Component component : components) {
        rename(component, prefix, refs, unnamed);
      }
      nested.addAll(components);
      if (bom.getDependencies() != null) {
        for (Dependency dependency : bom.getDependencies()) {
          String from = refs.get(dependency.getRef());
          if (from == null || dependency.getDependencies() == null) {
            continue;
          }
          for (Dependency target : dependency.getDependencies()) {
            String to = refs.get(target.getRef());
            if (to != null && !to.equals(from)) {
              edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            }
          }
        }
      }
    }
    if (!nested.isEmpty()) {
      nested.sort(Comparator.comparing(Component::getBomRef));
      owner.setComponents(nested);
    }
    if (!notMerged.isEmpty()) {
      owner.setProperties(notMerged);
    }
  }

  /** Why the bytes are not a CycloneDX JSON document, or null when they are. */
  private static String problem(byte[] bytes) {
    try {
      JsonNode tree = TREE.readTree(bytes);
      if (tree == null || !"CycloneDX".equals(tree.path("bomFormat").asText())) {
        return "not a CycloneDX JSON document";
      }
      return null;
    } catch (IOException e) {
      return "not JSON";
    }
  }

  private static void rename(
      Component component, String prefix, Map<String, String> refs, int[] unnamed) {
    String old = component.getBomRef();
    String ref = prefix + (old != null ? old : "component-" + ++unnamed[0]);
    if (old != null) {
      refs.put(old, ref);
    }
    component.setBomRef(ref);
    if (component.getComponents() != null) {
      for (Component child : component.getComponents()) {
        rename(child, prefix, refs, unnamed);
      }
      component.getComponents().sort(Comparator.comparing(Component::getBomRef));
    }
  }
}
