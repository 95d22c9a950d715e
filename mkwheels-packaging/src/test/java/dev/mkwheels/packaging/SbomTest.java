package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball's {@code sbom.cdx.json}: valid CycloneDX 1.6, complete, and the same every time. */
class SbomTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long EPOCH = 1_700_000_000L;

  @TempDir Path temp;

  private PackResult pack(Path wheelhouse, String out) throws Exception {
    return new Packager()
        .pack(new PackRequest(wheelhouse, "Golden", "1.0", EPOCH, temp.resolve(out), List.of()));
  }

  private JsonNode sbom(Path wheelhouse) throws Exception {
    byte[] bytes = SbomWheels.sbomOf(pack(wheelhouse, "out"), temp.resolve("x"));
    assertValid(bytes);
    return JSON.readTree(bytes);
  }

  private static void assertValid(byte[] sbom) throws Exception {
    assertEquals(List.of(), SbomWheels.schemaProblems(sbom));
  }

  private static Map<String, JsonNode> components(JsonNode sbom) {
    Map<String, JsonNode> out = new TreeMap<>();
    sbom.path("components").forEach(c -> out.put(c.path("bom-ref").asText(), c));
    return out;
  }

  private static List<String> dependsOn(JsonNode sbom, String ref) {
    for (JsonNode dependency : sbom.path("dependencies")) {
      if (dependency.path("ref").asText().equals(ref)) {
        List<String> out = new ArrayList<>();
        dependency.path("dependsOn").forEach(d -> out.add(d.asText()));
        return out;
      }
    }
    throw new AssertionError("no dependency entry for " + ref);
  }

  @Test
  void theGoldenWheelhousesSbomIsValidCycloneDx16WithOneComponentPerFile() throws Exception {
    Path wheelhouse = GoldenInputs.writeWheelhouse(temp.resolve("wheelhouse"));
    JsonNode sbom = sbom(wheelhouse);
    assertEquals("CycloneDX", sbom.path("bomFormat").asText());
    assertEquals("1.6", sbom.path("specVersion").asText());
    assertEquals("2023-11-14T22:13:20Z", sbom.path("metadata").path("timestamp").asText());
    JsonNode artifact = sbom.path("metadata").path("component");
    assertEquals("golden", artifact.path("name").asText());
    assertEquals("1.0", artifact.path("version").asText());
    Map<String, JsonNode> components = components(sbom);
    Map<String, byte[]> files = GoldenInputs.wheelhouse();
    assertEquals(new TreeMap<>(files).keySet(), components.keySet());
    files.forEach(
        (name, bytes) -> {
          JsonNode hash = components.get(name).path("hashes").get(0);
          assertEquals("SHA-256", hash.path("alg").asText());
          assertEquals(GoldenInputs.sha256Hex(bytes), hash.path("content").asText(), name);
        });
    assertEquals(
        "pkg:pypi/beta-pkg@2.0?file_name=beta_pkg-2.0-py3-none-any.whl",
        components.get("beta_pkg-2.0-py3-none-any.whl").path("purl").asText());
    assertEquals("Beta.Pkg", components.get("beta_pkg-2.0-py3-none-any.whl").path("name").asText());
    assertEquals(
        "pkg:pypi/zeta@3.0.post1?file_name=zeta-3.0.post1-py3-none-any.whl",
        components.get("zeta-3.0.post1-py3-none-any.whl").path("purl").asText());
    assertEquals(
        new ArrayList<>(components.keySet()), dependsOn(sbom, "golden-wheels-1.0"), "the artifact");
  }

  @Test
  void anEmbeddedPep770SbomShowsAsTheWheelsNestedComponents() throws Exception {
    String embedded =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
         "metadata": {"component": {"type": "library", "bom-ref": "pkg:pypi/native@1.0",
                                    "name": "native", "version": "1.0"}},
         "components": [{"type": "library", "bom-ref": "pkg:deb/debian/zlib1g@1.2.13",
                         "name": "zlib1g", "version": "1.2.13",
                         "purl": "pkg:deb/debian/zlib1g@1.2.13"}],
         "dependencies": [{"ref": "pkg:pypi/native@1.0",
                           "dependsOn": ["pkg:deb/debian/zlib1g@1.2.13"]}]}
        """;
    Path wheelhouse = temp.resolve("wheelhouse");
    SbomWheels.wheel(
        wheelhouse,
        "native",
        "1.0",
        List.of(),
        Map.of(
            "sboms/auditwheel.cdx.json", embedded.getBytes(StandardCharsets.UTF_8),
            "sboms/other.spdx.json",
                "{\"spdxVersion\": \"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8)));
    JsonNode sbom = sbom(wheelhouse);
    String wheel = "native-1.0-py3-none-any.whl";
    JsonNode component = components(sbom).get(wheel);
    JsonNode nested = component.path("components");
    assertEquals(1, nested.size(), component.toString());
    String ref = wheel + "#auditwheel.cdx.json:pkg:deb/debian/zlib1g@1.2.13";
    assertEquals(ref, nested.get(0).path("bom-ref").asText());
    assertEquals("pkg:deb/debian/zlib1g@1.2.13", nested.get(0).path("purl").asText());
    assertEquals(List.of(ref), dependsOn(sbom, wheel));
    JsonNode property = component.path("properties").get(0);
    assertEquals(EmbeddedSboms.NOT_MERGED, property.path("name").asText());
    assertEquals(
        "native-1.0.dist-info/sboms/other.spdx.json: not a CycloneDX JSON document",
        property.path("value").asText());
  }

  /**
   * A file with a component CycloneDX 1.6 cannot hold, or that cannot be read, is not merged, and
   * the property says which component and why; the wheel's other files still are.
   */
  @Test
  void anEmbeddedSbomWithAComponentOneSixCannotHoldIsNamedWithTheReason() throws Exception {
    Path wheelhouse = temp.resolve("wheelhouse");
    SbomWheels.wheel(
        wheelhouse,
        "native",
        "1.0",
        List.of(),
        Map.of(
            "sboms/a-type.cdx.json",
            "{\"bomFormat\": \"CycloneDX\", \"components\": [{\"type\": \"gadget\", \"name\": \"x\"}]}"
                .getBytes(StandardCharsets.UTF_8),
            "sboms/b-name.cdx.json",
            ("{\"bomFormat\": \"CycloneDX\", \"components\": [{\"type\": \"library\", \"name\": \"x\","
                    + " \"components\": [{\"type\": \"file\", \"name\": \"y\"}, {\"type\": \"file\"}]}]}")
                .getBytes(StandardCharsets.UTF_8),
            "sboms/c-list.cdx.json",
            "{\"bomFormat\": \"CycloneDX\", \"components\": {}}".getBytes(StandardCharsets.UTF_8),
            "sboms/d-good.cdx.json",
            "{\"bomFormat\": \"CycloneDX\", \"components\": [{\"type\": \"file\", \"name\": \"z\"}]}"
                .getBytes(StandardCharsets.UTF_8),
            "sboms/e-deep.cdx.json",
            ("{\"bomFormat\": \"CycloneDX\", \"x\": " + "[".repeat(3000) + "]".repeat(3000) + "}")
                .getBytes(StandardCharsets.UTF_8),
            "sboms/f-broken.cdx.json",
            "{\"bomFormat\": ".getBytes(StandardCharsets.UTF_8)));
    JsonNode component = components(sbom(wheelhouse)).get("native-1.0-py3-none-any.whl");
    List<String> reasons = new ArrayList<>();
    component.path("properties").forEach(p -> reasons.add(p.path("value").asText()));
    String prefix = "native-1.0.dist-info/sboms/";
    assertEquals(
        List.of(
            prefix + "a-type.cdx.json: components[0] has no CycloneDX 1.6 type",
            prefix + "b-name.cdx.json: components[0].components[1] has no name",
            prefix + "c-list.cdx.json: its components are not a list",
            prefix
                + "e-deep.cdx.json: beyond what the JSON reader takes (nested over 1000 levels"
                + " deep, or a string or number too long)",
            prefix + "f-broken.cdx.json: not JSON"),
        reasons);
    assertEquals(
        "native-1.0-py3-none-any.whl#d-good.cdx.json:component-1",
        component.path("components").get(0).path("bom-ref").asText());
    assertEquals(1, component.path("components").size());
  }

  @Test
  void licensesComeFromLicenseExpressionThenLicenseThenClassifiers() throws Exception {
    Path wheelhouse = temp.resolve("wheelhouse");
    String mit = "Classifier: License :: OSI Approved :: MIT License";
    String bsd = "Classifier: License :: OSI Approved :: BSD License";
    SbomWheels.wheel(
        wheelhouse,
        "expression",
        "1.0",
        List.of("License-Expression: Apache-2.0 OR MIT", "License: Apache", mit),
        Map.of());
    SbomWheels.wheel(
        wheelhouse, "field", "1.0", List.of("License: Apache License 2.0", mit), Map.of());
    SbomWheels.wheel(
        wheelhouse,
        "longfield",
        "1.0",
        List.of("License: Copyright (c) someone", "        Permission is hereby granted"),
        Map.of());
    SbomWheels.wheel(
        wheelhouse,
        "classifiers",
        "1.0",
        List.of("License: UNKNOWN", mit, bsd, "Classifier: Programming Language :: Python"),
        Map.of());
    SbomWheels.wheel(wheelhouse, "none", "1.0", List.of(), Map.of());
    Map<String, JsonNode> components = components(sbom(wheelhouse));
    assertEquals(
        "[{\"expression\":\"Apache-2.0 OR MIT\"}]",
        components.get("expression-1.0-py3-none-any.whl").path("licenses").toString());
    assertEquals(
        "[{\"license\":{\"name\":\"Apache License 2.0\"}}]",
        components.get("field-1.0-py3-none-any.whl").path("licenses").toString());
    JsonNode longField =
        components.get("longfield-1.0-py3-none-any.whl").path("licenses").get(0).path("license");
    assertEquals("Copyright (c) someone", longField.path("name").asText());
    assertTrue(longField.path("text").path("content").asText().contains("Permission"));
    assertEquals(
        "[{\"license\":{\"name\":\"BSD License\"}},{\"license\":{\"name\":\"MIT License\"}}]",
        components.get("classifiers-1.0-py3-none-any.whl").path("licenses").toString());
    assertTrue(components.get("none-1.0-py3-none-any.whl").path("licenses").isMissingNode());
  }

  @Test
  void requiresDistDrawsAnEdgeToEveryFileOfAProjectInTheTree() throws Exception {
    Path wheelhouse = temp.resolve("wheelhouse");
    SbomWheels.wheel(
        wheelhouse,
        "app",
        "1.0",
        List.of(
            "Requires-Dist: Lib_Two>=1.0; python_version < \"3\"",
            "Requires-Dist: absent>=1",
            "Requires-Dist: extra-only; extra == \"fast\"",
            "Requires-Dist: app[fast]"),
        Map.of());
    SbomWheels.wheel(wheelhouse, "lib.two", "2.0", List.of(), Map.of());
    SbomWheels.wheel(wheelhouse, "extra-only", "0.1", List.of(), Map.of());
    dev.mkwheels.testkit.Distributions.sdist(wheelhouse, "lib_two", "2.0");
    JsonNode sbom = sbom(wheelhouse);
    assertEquals(
        List.of(
            "extra_only-0.1-py3-none-any.whl",
            "lib_two-2.0-py3-none-any.whl",
            "lib_two-2.0.tar.gz"),
        dependsOn(sbom, "app-1.0-py3-none-any.whl"));
    assertEquals(List.of(), dependsOn(sbom, "lib_two-2.0-py3-none-any.whl"));
    JsonNode sdist = components(sbom).get("lib_two-2.0.tar.gz");
    assertEquals("lib-two", sdist.path("name").asText());
    assertEquals("pkg:pypi/lib-two@2.0?file_name=lib_two-2.0.tar.gz", sdist.path("purl").asText());
  }

  @Test
  void twoPacksGiveTheSameBytesWithSortedKeysAndNewlines() throws Exception {
    Path wheelhouse = GoldenInputs.writeWheelhouse(temp.resolve("wheelhouse"));
    PackResult first = pack(wheelhouse, "one");
    PackResult second = pack(wheelhouse, "two");
    assertArrayEquals(Files.readAllBytes(first.tarball()), Files.readAllBytes(second.tarball()));
    byte[] bytes = SbomWheels.sbomOf(first, temp.resolve("x"));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"));
    assertTrue(text.endsWith("}\n"));
    assertKeysSorted(JSON.readTree(bytes));
    JsonNode sbom = JSON.readTree(bytes);
    assertEquals(
        "urn:uuid:" + java.util.UUID.nameUUIDFromBytes(serialInput()),
        sbom.path("serialNumber").asText());
  }

  @Test
  void aDraftTakesTheHashesLastAndLeavesTextThatLooksLikeAHashAlone() throws Exception {
    String lookalike = "ab".repeat(32);
    String embedded =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "components": [{"type": "library", "bom-ref": "%s", "name": "%s", "version": "%s"}]}
        """
            .formatted(lookalike, lookalike, lookalike);
    Path wheelhouse = temp.resolve("wheelhouse");
    SbomWheels.wheel(
        wheelhouse,
        "native",
        "1.0",
        List.of(),
        Map.of("sboms/a.cdx.json", embedded.getBytes(StandardCharsets.UTF_8)));
    Map<String, SbomSource> sources = new TreeMap<>();
    ContentLayout.storedRanges(Wheelhouse.scan(wheelhouse), sources);
    String wheel = "native-1.0-py3-none-any.whl";
    SbomFile.Draft draft = SbomFile.draft("n-wheels-1", "n", "1", EPOCH, sources);
    for (String hash : List.of("cd".repeat(32), "ef".repeat(32))) {
      byte[] bytes = draft.complete(Map.of(wheel, hash));
      assertValid(bytes);
      assertArrayEquals(
          SbomFile.render("n-wheels-1", "n", "1", EPOCH, sources, Map.of(wheel, hash)), bytes);
      JsonNode sbom = JSON.readTree(bytes);
      JsonNode component = components(sbom).get(wheel);
      assertEquals(hash, component.path("hashes").get(0).path("content").asText());
      assertEquals(lookalike, component.path("components").get(0).path("version").asText());
      assertEquals(
          "urn:uuid:"
              + java.util.UUID.nameUUIDFromBytes(
                  ("n-wheels-1\n" + hash + "\n").getBytes(StandardCharsets.UTF_8)),
          sbom.path("serialNumber").asText());
    }
  }

  private static byte[] serialInput() {
    StringBuilder text = new StringBuilder("golden-wheels-1.0\n");
    GoldenInputs.wheelhouse().values().stream()
        .map(GoldenInputs::sha256Hex)
        .sorted()
        .forEach(h -> text.append(h).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void assertKeysSorted(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      assertEquals(keys.stream().sorted().toList(), keys);
    }
    node.forEach(SbomTest::assertKeysSorted);
  }
}
