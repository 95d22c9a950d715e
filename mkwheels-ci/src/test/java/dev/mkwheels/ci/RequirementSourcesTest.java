package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which requirement file names which project, read as PEP 508 requirements. */
class RequirementSourcesTest {
  @TempDir Path dir;

  @Test
  void aLineIsReadUpToItsFirstOptionAsAPep508Requirement() {
    assertEquals(
        Optional.of("zope-interface"),
        RequirementSources.name("Zope.Interface[test] >= 6 ; python_version >= '3.8'"));
    assertEquals(
        Optional.of("six"),
        RequirementSources.name("six==1.16.0 --hash=sha256:00 --hash=sha256:11"));
    assertEquals(
        Optional.of("demo"), RequirementSources.name("demo @ https://example.org/demo-1.0.tar.gz"));
    assertEquals(Optional.empty(), RequirementSources.name("six==1.16.0 ; python_version >>= '3'"));
    assertEquals(Optional.empty(), RequirementSources.name("./local/dir"));
  }

  @Test
  void includesAreFollowedAndLabelled() throws Exception {
    Files.writeString(dir.resolve("base.txt"), "idna==3.7\n");
    Files.writeString(dir.resolve("pins.txt"), "six<2\n");
    Files.writeString(
        dir.resolve("requirements.txt"),
        "-r base.txt\n--constraint=pins.txt\nRequests[socks] >= 2 \\\n  --hash=sha256:00\n# six\n");
    Path requirements = dir.resolve("requirements.txt");
    assertEquals(
        Map.of(
            "idna", Set.of("-r " + dir.resolve("base.txt")),
            "six", Set.of("-c " + dir.resolve("pins.txt")),
            "requests", Set.of("-r " + requirements)),
        RequirementSources.scan(List.of(requirements)));
  }
}
