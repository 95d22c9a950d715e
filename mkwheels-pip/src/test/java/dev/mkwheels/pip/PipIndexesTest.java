package dev.mkwheels.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipIndexesTest {
  // What `pip config list` printed on this machine, plus an install section.
  private static final String LISTING =
      """
      :env:.find-links='/opt/wheels'
      global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'
      global.find-links='/ignored/because/env/wins'
      global.index-url='https://global.example/simple'
      install.index-url="https://install.example/simple"
      """;

  @Test
  void theEnvironmentThenTheCommandsSectionThenGlobalDecide() {
    PipIndexes indexes = PipIndexes.of(PipIndexes.parse(LISTING), PipOptions.DEFAULTS, "install");
    assertEquals(
        List.of(
            "https://install.example/simple",
            "file:///opt/pypi/simple",
            "file:///opt/pypi-more/simple"),
        indexes.indexUrls());
    assertEquals(List.of("/opt/wheels"), indexes.findLinks());
    assertEquals(
        List.of(
            "https://global.example/simple",
            "file:///opt/pypi/simple",
            "file:///opt/pypi-more/simple"),
        PipIndexes.of(PipIndexes.parse(LISTING), PipOptions.DEFAULTS, "download").indexUrls());
  }

  @Test
  void theCommandLineIndexReplacesTheConfiguredOneAndExtrasAddUp() {
    PipOptions options =
        new PipOptions(
            Optional.of("http://127.0.0.1:1/simple"),
            List.of("file:///opt/pypi/simple", "http://x/simple"),
            List.of("./more"),
            false);
    PipIndexes indexes = PipIndexes.of(PipIndexes.parse(LISTING), options, "install");
    assertEquals(
        List.of(
            "http://127.0.0.1:1/simple",
            "file:///opt/pypi/simple",
            "file:///opt/pypi-more/simple",
            "http://x/simple"),
        indexes.indexUrls());
    assertEquals(List.of("/opt/wheels", "./more"), indexes.findLinks());
  }

  @Test
  void withoutConfigurationPipUsesPypiAndNoIndexMeansNone() {
    assertEquals(
        List.of(PipIndexes.PYPI),
        PipIndexes.of(Map.of(), PipOptions.DEFAULTS, "install").indexUrls());
    assertEquals(
        List.of(),
        PipIndexes.of(Map.of(":env:.no-index", "1"), PipOptions.DEFAULTS, "install").indexUrls());
  }
}
