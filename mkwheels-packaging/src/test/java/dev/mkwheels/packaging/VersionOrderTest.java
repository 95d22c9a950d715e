package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two versions of one project are pinned and locked in PEP 440 order, not string order. */
class VersionOrderTest {
  static final String OLD = "python_version == \"3.9\"";
  static final String NEW = "python_version == \"3.13\"";

  private static DistributionFile wheel(String version) {
    return DistributionFile.parse("numpy-" + version + "-py3-none-any.whl").orElseThrow();
  }

  @Test
  void requirementsPinNineBeforeTen() {
    byte[] text =
        RequirementsFile.render(
            "t",
            0,
            List.of(),
            List.of(
                new RequirementsFile.Hashed(wheel("10.0"), "aa", Optional.of(NEW)),
                new RequirementsFile.Hashed(wheel("9.0"), "bb", Optional.of(OLD))));

    List<String> pins =
        new String(text, StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("numpy=="))
            .toList();
    assertEquals(List.of("numpy==9.0 ; " + OLD + " \\", "numpy==10.0 ; " + NEW + " \\"), pins);
  }

  @Test
  void pylockListsNineBeforeTen() {
    byte[] text =
        PylockFile.render(
            "t",
            "1",
            0,
            List.of(),
            List.of(
                new PylockFile.Locked(wheel("10.0"), 1, "aa", FileOrigin.UNKNOWN, Optional.of(NEW)),
                new PylockFile.Locked(
                    wheel("9.0"), 1, "bb", FileOrigin.UNKNOWN, Optional.of(OLD))));

    List<String> versions =
        new String(text, StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("version = ") || l.startsWith("[tool"))
            .toList();
    assertEquals(
        List.of("version = \"9.0\"", "version = \"10.0\"", "[tool.mkwheels]", "version = \"1\""),
        versions);
  }
}
