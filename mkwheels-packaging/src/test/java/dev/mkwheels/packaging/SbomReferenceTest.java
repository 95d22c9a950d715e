package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SbomFile} writes the SBOM's JSON itself; cyclonedx-core-java's model and generator, which
 * wrote it up to wave 7, are the reference ({@link CyclonedxReference}): for every tree where that
 * round trip wrote valid CycloneDX 1.6, the bytes are the same, and where it did not, ours is
 * valid.
 */
class SbomReferenceTest {
  private static final long EPOCH = 1_700_000_000L;

  @TempDir Path temp;

  private static Map<String, SbomSource> sources(Path wheelhouse) throws Exception {
    Map<String, SbomSource> sources = new TreeMap<>();
    ContentLayout.storedRanges(Wheelhouse.scan(wheelhouse), sources);
    return sources;
  }

  private static Map<String, String> hashes(Map<String, SbomSource> sources) {
    Map<String, String> sha256 = new TreeMap<>();
    int i = 0;
    for (String file : sources.keySet()) {
      sha256.put(file, String.format("%064x", 0x1234_5678L * ++i));
    }
    return sha256;
  }

  private static String ours(Map<String, SbomSource> sources) throws Exception {
    return new String(
        SbomFile.render("t-wheels-1.0", "T", "1.0", EPOCH, sources, hashes(sources)),
        StandardCharsets.UTF_8);
  }

  private static String reference(Map<String, SbomSource> sources) throws Exception {
    return new String(
        CyclonedxReference.render("t-wheels-1.0", "T", "1.0", EPOCH, sources, hashes(sources)),
        StandardCharsets.UTF_8);
  }

  private static List<String> problems(String sbom) throws Exception {
    return SbomWheels.schemaProblems(sbom.getBytes(StandardCharsets.UTF_8));
  }

  private void assertSameAsReference(Path wheelhouse) throws Exception {
    Map<String, SbomSource> sources = sources(wheelhouse);
    String ours = ours(sources);
    assertEquals(List.of(), problems(ours));
    assertEquals(reference(sources), ours);
  }

  @Test
  void theGoldenWheelhouse() throws Exception {
    assertSameAsReference(GoldenInputs.writeWheelhouse(temp.resolve("w")));
  }

  @Test
  void everyKindOfLicenseAndDependency() throws Exception {
    Path w = temp.resolve("w");
    String mit = "Classifier: License :: OSI Approved :: MIT License";
    SbomWheels.wheel(
        w,
        "expression",
        "1.0",
        List.of("License-Expression: Apache-2.0 OR MIT", "Requires-Dist: field"),
        Map.of());
    SbomWheels.wheel(w, "field", "1.0", List.of("License: Apache License 2.0", mit), Map.of());
    SbomWheels.wheel(
        w,
        "longfield",
        "1.0",
        List.of(
            "License: Copyright (c) \"someone\" \u00e9\u4e2d",
            "        Permission is hereby granted\ttabs",
            "Requires-Dist: expression[x]; python_version < \"3\""),
        Map.of());
    SbomWheels.wheel(
        w,
        "classifiers",
        "2.0.post1",
        List.of("License: UNKNOWN", mit, "Classifier: License :: OSI Approved :: BSD License"),
        Map.of());
    SbomWheels.wheel(w, "none", "1.0", List.of("License: " + "x".repeat(150)), Map.of());
    dev.mkwheels.testkit.Distributions.sdist(w, "none", "1.0");
    assertSameAsReference(w);
  }

  @Test
  void embeddedSbomsAsAuditwheelAndOthersWriteThem() throws Exception {
    String auditwheel =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
         "metadata": {"component": {"type": "library", "bom-ref": "pkg:pypi/native@1.0",
                                    "name": "native", "version": "1.0"}},
         "components": [
           {"type": "library", "bom-ref": "pkg:pypi/native@1.0", "name": "native",
            "version": "1.0", "purl": "pkg:pypi/native@1.0"},
           {"type": "library", "bom-ref": "pkg:rpm/almalinux/zlib@1.2#abc", "name": "zlib",
            "version": "1.2", "purl": "pkg:rpm/almalinux/zlib@1.2"}],
         "dependencies": [{"ref": "pkg:pypi/native@1.0",
                           "dependsOn": ["pkg:rpm/almalinux/zlib@1.2#abc", "unknown"]},
                          {"ref": "pkg:rpm/almalinux/zlib@1.2#abc"}]}
        """;
    String rich =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "components": [
           {"type": "library", "name": "vendored", "version": "2", "scope": "optional",
            "description": "A library \\"quoted\\" \\u00e9",
            "hashes": [{"alg": "SHA-256", "content": "%s"}],
            "licenses": [{"license": {"id": "MIT"}}],
            "externalReferences": [{"type": "vcs", "url": "https://example.org/v"}],
            "evidence": {"identity": [{"field": "purl", "confidence": 0.00001,
                                       "concludedValue": "pkg:generic/vendored@2"}]},
            "pedigree": {"ancestors": [{"type": "library", "bom-ref": "up", "name": "vendored",
                                        "version": "2", "purl": "pkg:generic/vendored@2"}],
                         "notes": "Vendored."},
            "components": [{"type": "file", "name": "inner.so"},
                           {"type": "library", "bom-ref": "a-first", "name": "first"}]},
           {"type": "application", "bom-ref": "tool", "name": "tool", "group": "g",
            "licenses": [{"expression": "MIT OR Apache-2.0"}], "cpe": "cpe:2.3:a:g:tool:1"}]}
        """
            .formatted("ab".repeat(32));
    Path w = temp.resolve("w");
    SbomWheels.wheel(
        w,
        "native",
        "1.0",
        List.of(),
        Map.of(
            "sboms/auditwheel.cdx.json", auditwheel.getBytes(StandardCharsets.UTF_8),
            "sboms/sub/rich.cdx.json", rich.getBytes(StandardCharsets.UTF_8),
            "sboms/other.spdx.json", "{\"spdxVersion\": \"SPDX-2.3\"}".getBytes(),
            "sboms/broken.cdx.json", "{\"bomFormat\": ".getBytes()));
    assertSameAsReference(w);
  }

  /**
   * cyclonedx-core-java's model writes a patch's diff without a url as {@code "url": null}, which
   * CycloneDX 1.6 refuses (Pillow 12.3's embedded SBOM has three); a newer specification's members
   * are dropped as its model dropped them.
   */
  @Test
  void aPatchWithoutAUrlAndANewerSpecificationsMembersStayValid() throws Exception {
    String embedded =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.7", "version": 1,
         "components": [{"type": "library", "bom-ref": "raqm", "name": "raqm",
           "futureMember": {"x": 1}, "version": null,
           "pedigree": {"notes": null, "patches": [{"type": "unofficial",
             "diff": {"text": {"content": "LS0t", "encoding": "base64"}}}]}}]}
        """;
    Path w = temp.resolve("w");
    SbomWheels.wheel(
        w,
        "pillowish",
        "1.0",
        List.of(),
        Map.of("sboms/p.cdx.json", embedded.getBytes(StandardCharsets.UTF_8)));
    Map<String, SbomSource> sources = sources(w);
    String reference = reference(sources);
    assertTrue(reference.contains("\"url\" : null"), reference);
    assertFalse(problems(reference).isEmpty());
    String ours = ours(sources);
    assertEquals(List.of(), problems(ours));
    JsonNode raqm =
        new ObjectMapper().readTree(ours).path("components").get(0).path("components").get(0);
    assertEquals("pillowish-1.0-py3-none-any.whl#p.cdx.json:raqm", raqm.path("bom-ref").asText());
    assertEquals(
        "{\"text\":{\"content\":\"LS0t\",\"encoding\":\"base64\"}}",
        raqm.path("pedigree").path("patches").get(0).path("diff").toString());
    assertTrue(raqm.path("futureMember").isMissingNode());
    assertTrue(raqm.path("version").isMissingNode());
  }
}
