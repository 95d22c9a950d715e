package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pyproject.toml as real projects write it. */
class BuildRequirementsTest {

  @Test
  void oneLineArray() {
    assertEquals(
        List.of("hatchling"),
        BuildRequirements.parse("[build-system]\nrequires = [\"hatchling\"]\n"));
  }

  @Test
  void multiLineArrayWithCommentsMarkersAndSingleQuotes() {
    String toml =
        """
        [project]
        requires = ["not-this"]

        [build-system]
        # the backend
        requires = [
            "setuptools>=61", # modern
            'wheel',
            "tomli; python_version < '3.11'",  # a ] in a comment
        ]
        build-backend = "setuptools.build_meta"
        """;
    assertEquals(
        List.of("setuptools>=61", "wheel", "tomli; python_version < '3.11'"),
        BuildRequirements.parse(toml));
  }

  @Test
  void noBuildSystemMeansWhatPipAssumes() {
    assertEquals(
        BuildRequirements.LEGACY, BuildRequirements.parse("[tool.black]\nline-length = 100\n"));
    assertEquals(
        BuildRequirements.LEGACY,
        BuildRequirements.parse("[build-system]\nbuild-backend = \"x\"\n"));
  }

  @Test
  void anEmptyListNeedsNothing() {
    assertEquals(List.of(), BuildRequirements.parse("[build-system]\nrequires = []\n"));
  }
}
