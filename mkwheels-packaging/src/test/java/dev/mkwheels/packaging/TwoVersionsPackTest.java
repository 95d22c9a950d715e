package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.python.lock.PylockText;
import dev.mkwheels.testkit.Distributions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree packed for targets that need different versions of one project: requirements.txt pins each
 * version under its targets' markers, pylock.toml has one marked entry per version, the SBOM one
 * component per file with its version.
 */
class TwoVersionsPackTest {
  static final String OLD = "python_version == \"3.9\"";
  static final String NEW = "python_version == \"3.13\"";

  @TempDir Path temp;

  @Test
  void eachVersionIsPinnedLockedAndListedUnderItsTargetsMarkers() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "common", "1.0");
    Distributions.wheel(wheelhouse, "numpy", "1.26.4", "cp39-cp39-win_amd64", Map.of());
    Distributions.wheel(wheelhouse, "numpy", "2.1.0", "cp313-cp313-win_amd64", Map.of());
    Distributions.sdist(wheelhouse, "numpy", "2.1.0");
    Distributions.sdist(wheelhouse, "numpy", "1.26.4");
    Map<String, String> markers =
        Map.of(
            "numpy-1.26.4-cp39-cp39-win_amd64.whl", OLD,
            "numpy-1.26.4.tar.gz", OLD,
            "numpy-2.1.0-cp313-cp313-win_amd64.whl", NEW,
            "numpy-2.1.0.tar.gz", NEW);

    Path top =
        unpack(
            new Packager()
                .pack(
                    new PackRequest(
                        wheelhouse,
                        "multi",
                        "1.0",
                        1_700_000_000L,
                        Files.createTempDirectory(temp, "out"),
                        List.of(),
                        Map.of(),
                        markers,
                        List.of(OLD, NEW, OLD))));

    String requirements = Files.readString(top.resolve("requirements.txt"));
    assertTrue(requirements.contains("\ncommon==1.0 \\\n"), requirements);
    assertTrue(requirements.contains("\nnumpy==1.26.4 ; " + OLD + " \\\n"), requirements);
    assertTrue(requirements.contains("\nnumpy==2.1.0 ; " + NEW + " \\\n"), requirements);
    assertEquals(2, hashLines(requirements, "numpy==1.26.4"), requirements);
    assertEquals(2, hashLines(requirements, "numpy==2.1.0"), requirements);

    JsonNode lock = tomllib(top.resolve("pylock.toml"));
    List<String> entries = new ArrayList<>();
    for (JsonNode pkg : lock.get("packages")) {
      entries.add(
          pkg.get("name").asText()
              + " "
              + pkg.get("version").asText()
              + " "
              + pkg.path("marker").asText("-")
              + " "
              + pkg.path("wheels").size()
              + (pkg.has("sdist") ? "+sdist" : ""));
    }
    assertEquals(
        List.of(
            "common 1.0 - 1",
            "numpy 1.26.4 " + OLD + " 1+sdist",
            "numpy 2.1.0 " + NEW + " 1+sdist"),
        entries);
    // PEP 751's environments: one marker per target, sorted, once each, before the packages.
    List<String> environments = new ArrayList<>();
    lock.get("environments").forEach(e -> environments.add(e.asText()));
    assertEquals(List.of(NEW, OLD), environments);
    String text = Files.readString(top.resolve("pylock.toml"));
    assertTrue(
        text.startsWith(
            "lock-version = \"1.0\"\nenvironments = [\n  "
                + PylockText.string(NEW)
                + ",\n  "
                + PylockText.string(OLD)
                + ",\n]\ncreated-by"),
        text);

    JsonNode sbom = new ObjectMapper().readTree(top.resolve("sbom.cdx.json").toFile());
    List<String> components = new ArrayList<>();
    sbom.get("components")
        .forEach(c -> components.add(c.get("name").asText() + " " + c.get("version").asText()));
    components.sort(null);
    assertEquals(
        List.of("common 1.0", "numpy 1.26.4", "numpy 1.26.4", "numpy 2.1.0", "numpy 2.1.0"),
        components);
  }

  @Test
  void aTreeForOneTargetHasNoEnvironments() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("one"));
    Distributions.wheel(wheelhouse, "common", "1.0");

    JsonNode lock = tomllib(unpack(pack(wheelhouse, Map.of())).resolve("pylock.toml"));

    assertFalse(lock.has("environments"), lock.toString());
  }

  @Test
  void twoVersionsOneOfWhoseFilesHasNoMarkerAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "numpy", "1.26.4", "cp39-cp39-win_amd64", Map.of());
    Distributions.wheel(wheelhouse, "numpy", "2.1.0", "cp313-cp313-win_amd64", Map.of());
    Distributions.sdist(wheelhouse, "numpy", "2.1.0");
    Path out = temp.resolve("out");

    MkwheelsException e =
        assertThrows(
            MkwheelsException.class,
            () ->
                pack(
                    wheelhouse,
                    Map.of(
                        "numpy-1.26.4-cp39-cp39-win_amd64.whl", OLD,
                        "numpy-2.1.0-cp313-cp313-win_amd64.whl", NEW),
                    out));

    assertTrue(e.getMessage().contains("2 versions of numpy (1.26.4, 2.1.0)"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  private JsonNode tomllib(Path file) throws Exception {
    List<String> command = List.of("python3", "-c", PylockTest.TOMLLIB_TO_JSON, file.toString());
    return new ObjectMapper().readTree(Command.run(temp, command).succeeded().out());
  }

  private static long hashLines(String requirements, String pin) {
    String rest = requirements.substring(requirements.indexOf("\n" + pin + " ") + 1);
    return rest.lines().skip(1).takeWhile(l -> l.startsWith("    --hash=")).count();
  }

  private PackResult pack(Path wheelhouse, Map<String, String> markers) throws Exception {
    return pack(wheelhouse, markers, Files.createTempDirectory(temp, "out"));
  }

  private static PackResult pack(Path wheelhouse, Map<String, String> markers, Path out)
      throws MkwheelsException {
    return new Packager()
        .pack(
            new PackRequest(
                wheelhouse, "multi", "1.0", 1_700_000_000L, out, List.of(), Map.of(), markers));
  }

  private Path unpack(PackResult result) throws Exception {
    Path into = Files.createTempDirectory(temp, "x");
    Command.run(into, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    return into.resolve("multi-wheels-1.0");
  }
}
