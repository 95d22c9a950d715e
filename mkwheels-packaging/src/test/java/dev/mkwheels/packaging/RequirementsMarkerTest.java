package dev.mkwheels.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.testkit.Distributions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** requirements.txt of a tree packed for several targets: markers on the pins some targets use. */
class RequirementsMarkerTest {
  static final String LINUX = "sys_platform == \"linux\"";
  static final String WINDOWS = "sys_platform == \"win32\"";

  @TempDir Path temp;

  private String requirements(Path wheelhouse, Map<String, String> markers) throws Exception {
    PackResult result =
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
                    markers));
    Path into = Files.createTempDirectory(temp, "x");
    Command.run(into, List.of("tar", "-xzf", result.tarball().toString())).succeeded();
    return Files.readString(into.resolve("multi-wheels-1.0/requirements.txt"));
  }

  @Test
  void aVersionSomeTargetsUseIsPinnedUnderTheirMarkersTheRestAsBefore() throws Exception {
    Path wheelhouse = Files.createDirectories(temp.resolve("wheelhouse"));
    Distributions.wheel(wheelhouse, "common", "1.0");
    Distributions.wheel(wheelhouse, "native", "2.0", "cp312-cp312-manylinux_2_28_x86_64", Map.of());
    Distributions.wheel(wheelhouse, "native", "2.0", "cp312-cp312-win_amd64", Map.of());
    Distributions.wheel(wheelhouse, "winonly", "1.0");
    String unmarked = requirements(wheelhouse, Map.of());

    String marked =
        requirements(
            wheelhouse,
            Map.of(
                "native-2.0-cp312-cp312-manylinux_2_28_x86_64.whl", LINUX,
                "native-2.0-cp312-cp312-win_amd64.whl", WINDOWS,
                "winonly-1.0-py3-none-any.whl", WINDOWS));

    assertTrue(marked.contains("\ncommon==1.0 \\\n"), marked);
    assertTrue(
        marked.contains(
            "\nnative==2.0 ; (" + LINUX + ") or (" + WINDOWS + ") \\\n    --hash=sha256:"),
        marked);
    assertTrue(marked.contains("\nwinonly==1.0 ; " + WINDOWS + " \\\n"), marked);
    assertEquals(
        unmarked,
        marked.replace(" ; (" + LINUX + ") or (" + WINDOWS + ")", "").replace(" ; " + WINDOWS, ""),
        "only the markers differ");
  }
}
