package dev.mkwheels.packaging;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the SBOMs a wheel embeds under {@code .dist-info/sboms/} (PEP 770, for instance
 * auditwheel's record of the native libraries it bundled) into the wheel's component: their
 * components become its nested components, with bom-refs made unique as {@code <wheel file>#<path
 * under sboms/>:<their bom-ref>}; their metadata component is the wheel itself, and their
 * dependencies join the graph with the refs rewritten.
 *
 * <p>A component is merged as its file writes it, minus what CycloneDX 1.6 would refuse: members
 * that 1.6 does not define for a component (a newer specification's) and JSON {@code null}s. A file
 * that is not CycloneDX JSON (an SPDX document, say), does not parse, or has a component 1.6 cannot
 * hold (no name, a type 1.6 does not know) is not merged: a {@code mkwheels:sbom-not-merged}
 * property on the wheel's component names it and says why, so nothing is dropped silently.
 */
final class EmbeddedSboms {
  static final String NOT_MERGED = "mkwheels:sbom-not-merged";
  private static final ObjectMapper JSON = new ObjectMapper();
  // The members of a component in CycloneDX 1.6's JSON schema (definitions.component.properties).
  private static final Set<String> COMPONENT_MEMBERS =
      Set.of(
          "type",
          "mime-type",
          "bom-ref",
          "supplier",
          "manufacturer",
          "authors",
          "author",
          "publisher",
          "group",
          "name",
          "version",
          "description",
          "scope",
          "hashes",
          "licenses",
          "copyright",
          "cpe",
          "purl",
          "omniborId",
          "swhid",
          "swid",
          "modified",
          "pedigree",
          "externalReferences",
          "components",
          "evidence",
          "releaseNotes",
          "modelCard",
          "data",
          "cryptoProperties",
          "properties",
          "tags",
          "signature");
  // The component types of CycloneDX 1.6 (definitions.component.properties.type.enum).
  private static final Set<String> TYPES =
      Set.of(
          "application",
          "framework",
          "library",
          "container",
          "platform",
          "operating-system",
          "device",
          "device-driver",
          "firmware",
          "file",
          "machine-learning-model",
          "data",
          "cryptographic-asset");

  private static final Comparator<Map<String, Object>> BY_REF =
      Comparator.comparing(component -> (String) component.get("bom-ref"));

  private EmbeddedSboms() {}

  /**
   * Merges {@code embedded} (each file's bytes by its path in the wheel) into {@code owner}, the
   * component whose bom-ref is {@code ownerRef}, adding the edges their dependencies draw.
   */
  static void merge(
      String ownerRef,
      Map<String, Object> owner,
      SortedMap<String, byte[]> embedded,
      Map<String, TreeSet<String>> edges) {
    List<Map<String, Object>> nested = new ArrayList<>();
    List<Object> notMerged = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : embedded.entrySet()) {
      String path = file.getKey();
      // The path under sboms/, so that two files of one name in two folders stay apart.
      String prefix =
          ownerRef + "#" + path.substring(path.indexOf("/sboms/") + "/sboms/".length()) + ":";
      Merged merged = new Merged(prefix);
      String problem = merged.read(file.getValue());
      if (problem != null) {
        notMerged.add(Map.of("name", NOT_MERGED, "value", path + ": " + problem));
        continue;
      }
      // The wheel itself, unless the file also lists it among its components.
      String metadataRef =
          merged.document.path("metadata").path("component").path("bom-ref").textValue();
      if (metadataRef != null) {
        merged.refs.putIfAbsent(metadataRef, ownerRef);
      }
      nested.addAll(merged.components);
      for (JsonNode dependency : merged.document.path("dependencies")) {
        String from = merged.refs.get(dependency.path("ref").textValue());
        if (from == null) {
          continue;
        }
        for (JsonNode target : dependency.path("dependsOn")) {
          String to = merged.refs.get(target.textValue());
          if (to != null && !to.equals(from)) {
            edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
          }
        }
      }
    }
    if (!nested.isEmpty()) {
      nested.sort(BY_REF);
      owner.put("components", nested);
    }
    if (!notMerged.isEmpty()) {
      owner.put("properties", notMerged);
    }
  }

  /** One embedded file's components, renamed; its refs, old to new. */
  private static final class Merged {
    private final String prefix;
    private final Map<String, String> refs = new HashMap<>();
    private final List<Map<String, Object>> components = new ArrayList<>();
    private JsonNode document;
    private int unnamed;

    Merged(String prefix) {
      this.prefix = prefix;
    }

    /** Reads the file's components, or says why it is not merged. */
    String read(byte[] bytes) {
      try {
        document = JSON.readTree(bytes);
      } catch (StreamConstraintsException e) {
        // Jackson's limits: 1000 levels of nesting, strings of 20 MB, numbers of 1000 digits.
        return "beyond what the JSON reader takes (nested over 1000 levels deep, or a string or"
            + " number too long)";
      } catch (IOException e) {
        return "not JSON";
      }
      if (document == null || !"CycloneDX".equals(document.path("bomFormat").textValue())) {
        return "not a CycloneDX JSON document";
      }
      JsonNode list = document.path("components");
      if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
        return "its components are not a list";
      }
      try {
        for (JsonNode component : list) {
          components.add(component(component, "components[" + components.size() + "]"));
        }
      } catch (NotMerged e) {
        return e.getMessage();
      }
      return null;
    }

    /** The component renamed and kept to CycloneDX 1.6's members. */
    private Map<String, Object> component(JsonNode node, String where) throws NotMerged {
      if (!node.isObject()) {
        throw new NotMerged(where + " is not an object");
      }
      String type = node.path("type").textValue();
      if (type == null || !TYPES.contains(type)) {
        throw new NotMerged(where + " has no CycloneDX 1.6 type");
      }
      if (node.path("name").textValue() == null) {
        throw new NotMerged(where + " has no name");
      }
      JsonNode oldRef = node.path("bom-ref");
      if (!oldRef.isMissingNode() && !oldRef.isNull() && !oldRef.isTextual()) {
        throw new NotMerged(where + " has a bom-ref that is not a string");
      }
      Map<String, Object> copy = new TreeMap<>();
      for (String member : COMPONENT_MEMBERS) {
        JsonNode value = node.get(member);
        if (value != null && !value.isNull() && !member.equals("components")) {
          copy.put(member, SbomJson.fromNode(value));
        }
      }
      String old = oldRef.textValue();
      String ref = prefix + (old != null ? old : "component-" + ++unnamed);
      if (old != null) {
        refs.put(old, ref);
      }
      copy.put("bom-ref", ref);
      JsonNode children = node.path("components");
      if (!children.isMissingNode() && !children.isNull()) {
        if (!children.isArray()) {
          throw new NotMerged(where + "'s components are not a list");
        }
        List<Map<String, Object>> nested = new ArrayList<>();
        int index = 0;
        for (JsonNode child : children) {
          nested.add(component(child, where + ".components[" + index++ + "]"));
        }
        nested.sort(BY_REF);
        copy.put("components", nested);
      }
      return copy;
    }
  }

  /** Why a file's components cannot be merged. */
  private static final class NotMerged extends Exception {
    private static final long serialVersionUID = 1L;

    NotMerged(String reason) {
      super(reason, null, false, false);
    }
  }
}
