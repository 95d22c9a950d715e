package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.resolver.FormatControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipSettingsTest {
  @TempDir Path dir;

  @Test
  void theEnvironmentThenTheCommandsSectionThenGlobalDecide() {
    Map<String, String> config =
        PipIndexes.parse(
            """
            global.constraint='/etc/global.txt'
            global.pre='no'
            download.constraint='/d/one.txt   /d/two.txt'
            install.pre='yes'
            """);
    assertEquals(
        new PipSettings(
            List.of(Path.of("/d/one.txt"), Path.of("/d/two.txt")), false, "", "", false),
        PipSettings.of(config, "download"));
    assertEquals(
        new PipSettings(List.of(Path.of("/etc/global.txt")), true, "", "", false),
        PipSettings.of(config, "install"));
    Map<String, String> withEnvironment = new HashMap<>(config);
    withEnvironment.put(":env:.constraint", "/env.txt");
    withEnvironment.put(":env:.pre", "1");
    assertEquals(
        new PipSettings(List.of(Path.of("/env.txt")), true, "", "", false),
        PipSettings.of(withEnvironment, "download"));
    assertEquals(PipSettings.NONE, PipSettings.of(Map.of(), "download"));
    assertEquals("", PipSettings.NONE.describe());
    assertEquals(
        "constraints from /d/one.txt, /d/two.txt", PipSettings.of(config, "download").describe());
    assertEquals(
        "constraints from /env.txt; pre-releases",
        PipSettings.of(withEnvironment, "download").describe());
  }

  @Test
  void noBinaryAndOnlyBinaryAreReadAsWrittenAndMadeIntoFormats() throws Exception {
    Map<String, String> config =
        PipIndexes.parse(
            """
            global.no-binary=':all:'
            download.only-binary='numpy,SciPy'
            :env:.no-binary='lxml'
            install.prefer-binary='true'
            """);
    PipSettings settings = PipSettings.of(config, "download");
    assertEquals(new PipSettings(List.of(), false, "lxml", "numpy,SciPy", false), settings);
    assertEquals("no-binary lxml; only-binary numpy,SciPy", settings.describe());
    assertEquals("no-binary lxml; prefer-binary", PipSettings.of(config, "install").describe());
    assertEquals(new FormatControl(Set.of("lxml"), Set.of("numpy", "scipy")), settings.formats());
    PipException e =
        assertThrows(
            PipException.class, () -> new PipSettings(List.of(), false, "-x", "", false).formats());
    assertEquals(
        "pip's configuration: no-binary takes project names, :all: or :none:, not '-x'",
        e.getMessage());
  }

  @Test
  void theConstraintsAreEveryRequirementOfTheFilesAndWhatTheyInclude() throws Exception {
    Files.writeString(dir.resolve("more.txt"), "gamma<2 ; python_version >= '3'\n");
    Path file = Files.writeString(dir.resolve("c.txt"), "# caps\nalpha<=1.5\n-r more.txt\n");
    PipSettings settings = new PipSettings(List.of(file), false, "", "", false);
    assertEquals(
        List.of("alpha<=1.5", "gamma<2; python_version >= \"3\""),
        settings.constraints().stream().map(Object::toString).toList());
    assertEquals(List.of(), PipSettings.NONE.constraints());
  }

  @Test
  void aConstraintsFileThatCannotBeReadIsOneLineNamingTheSetting() throws Exception {
    Path missing = dir.resolve("missing.txt");
    PipException e =
        assertThrows(
            PipException.class,
            () -> new PipSettings(List.of(missing), false, "", "", false).constraints());
    assertEquals(
        "pip's configuration (constraint): no such constraints file: " + missing, e.getMessage());
    Path bad = Files.writeString(dir.resolve("bad.txt"), "--index-url https://x/simple\n");
    e =
        assertThrows(
            PipException.class,
            () -> new PipSettings(List.of(bad), false, "", "", false).constraints());
    assertTrue(e.getMessage().startsWith("pip's configuration (constraint): " + bad + ":1: "));
    assertFalse(e.getMessage().contains("\n"));
  }
}
