package dev.mkwheels.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which version-plugin variables a tree gets, read from its own files. */
class VersionOverridesTest {
  @TempDir Path tree;

  ProjectFiles write(String file, String text) throws Exception {
    Files.writeString(tree.resolve(file), text);
    return ProjectFiles.read(tree);
  }

  @Test
  void aKnownNameGetsOnlyTheVariablesScopedToIt() throws Exception {
    ProjectFiles project =
        write(
            "pyproject.toml",
            """
        [build-system]
        requires = ["poetry-core>=1.2.0", "poetry-dynamic-versioning>=1.0.0,<2.0.0"]
        build-backend = "poetry_dynamic_versioning.backend"

        [tool.poetry]
        name = "NetExec"  # the tool
        version = "0.0.0"
        """);
    assertEquals(Optional.of("NetExec"), project.name());
    assertEquals(
        Map.of(
            "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_NETEXEC", "1.5.1",
            "POETRY_DYNAMIC_VERSIONING_OVERRIDE", "NetExec=1.5.1"),
        VersionOverrides.of("1.5.1", project));
  }

  @Test
  void theProjectTableWinsAndTheNameIsNormalizedForSetuptoolsScm() throws Exception {
    ProjectFiles project =
        write(
            "pyproject.toml",
            """
        [project]
        name = 'My.Cool_Tool'
        [tool.poetry]
        name = "other"
        """);
    assertEquals(
        "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_MY_COOL_TOOL",
        VersionOverrides.of("2", project).keySet().stream()
            .filter(k -> k.startsWith("SETUPTOOLS"))
            .findFirst()
            .orElseThrow());
  }

  @Test
  void hatchVcsAlsoGetsTheGlobalVariableItReads() throws Exception {
    ProjectFiles project =
        write(
            "pyproject.toml",
            """
        [build-system]
        requires = ["hatchling", "hatch-vcs"]
        build-backend = "hatchling.build"
        [project]
        name = "tool"
        """);
    assertEquals("3.0", VersionOverrides.of("3.0", project).get("SETUPTOOLS_SCM_PRETEND_VERSION"));
  }

  @Test
  void pdmBackendGetsItsVariable() throws Exception {
    ProjectFiles project =
        write(
            "pyproject.toml",
            """
        [build-system]
        requires = ["pdm-backend"]
        build-backend = "pdm.backend"
        [project]
        name = "tool"
        """);
    assertEquals("3.0", VersionOverrides.of("3.0", project).get("PDM_BUILD_SCM_VERSION"));
  }

  @Test
  void anUnknownNameGetsTheGlobalVariables() throws Exception {
    ProjectFiles project = write("setup.py", "from setuptools import setup\nsetup(name=NAME)\n");
    assertEquals(Optional.empty(), project.name());
    assertEquals(
        Map.of("SETUPTOOLS_SCM_PRETEND_VERSION", "1.0", "POETRY_DYNAMIC_VERSIONING_BYPASS", "1.0"),
        VersionOverrides.of("1.0", project));
  }

  @Test
  void setupCfgAndSetupPyNamesAreRead() throws Exception {
    assertEquals(
        Optional.of("from-py"), write("setup.py", "setup(\n    name='from-py',\n)\n").name());
    assertEquals(
        Optional.of("from-cfg"), write("setup.cfg", "[metadata]\nname = from-cfg\n").name());
  }
}
