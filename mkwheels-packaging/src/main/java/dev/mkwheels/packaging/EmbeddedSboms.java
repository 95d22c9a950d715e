package dev.mkwheels.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;

/**
 * Merges the SBOMs a wheel embeds under {@code .dist-info/sboms/} (PEP 770, for instance
 * auditwheel's record of the native libraries it bundled) into the wheel's component: their
 * components become its nested components, with bom-refs made unique as {@code <wheel file>#<path
 * under sboms/>:<their bom-ref>}; their metadata component is the wheel itself, and their
 * dependencies join the graph with the refs rewritten. A file that is not CycloneDX JSON (an SPDX
 * document, say) or does not parse is not merged: a {@code mkwheels:sbom-not-merged} property on
 * the wheel's component names it and says why, so nothing is dropped silently.
 */
final class EmbeddedSboms {
  static final String NOT_MERGED = "mkwheels:sbom-not-merged";
  private static final ObjectMapper JSON = new ObjectMapper();
  // One parser for every file (its ObjectMapper is safe to share once made): a new JsonParser has
  // a new ObjectMapper, which builds the deserializers of cyclonedx's whole model again, about
  // 0.1 s of CPU per file, on the path of the whole pack (w4-pack2).
  private static final JsonParser PARSER = new JsonParser();

  private EmbeddedSboms() {}

  static void merge(
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
        property.setName(NOT_MERGED);
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
      JsonNode tree = JSON.readTree(bytes);
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
