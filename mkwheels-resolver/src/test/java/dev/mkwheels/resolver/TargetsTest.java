package dev.mkwheels.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The short and long target forms, their markers and tags. */
class TargetsTest {

  private static String markers(Target t) {
    TargetEnvironment e = t.environment();
    return String.join(
        " ",
        e.sysPlatform(),
        e.platformSystem(),
        e.osName(),
        e.platformMachine(),
        e.implementationName(),
        e.platformPythonImplementation(),
        e.pythonVersion(),
        e.pythonFullVersion(),
        "[" + e.platformRelease() + e.platformVersion() + "]");
  }

  @Test
  void aManylinuxTargetIsLinuxWithItsTagsNewestFirst() {
    Target t = Targets.parse("cp312-manylinux_2_28_x86_64");
    assertEquals("cp312-manylinux_2_28_x86_64", t.name());
    assertEquals("linux Linux posix x86_64 cpython CPython 3.12 3.12.0 []", markers(t));
    assertEquals(new Tag("cp312", "cp312", "manylinux_2_28_x86_64"), t.tags().get(0));
    assertTrue(t.tags().contains(new Tag("cp312", "abi3", "manylinux2014_x86_64")));
    assertTrue(t.tags().contains(new Tag("py3", "none", "any")));
  }

  @Test
  void eachPlatformGivesItsMarkers() {
    assertEquals(
        "darwin Darwin posix arm64 cpython CPython 3.11 3.11.0 []",
        markers(Targets.parse("cp311-macosx_11_0_arm64")));
    assertEquals(
        "win32 Windows nt AMD64 cpython CPython 3.13 3.13.0 []",
        markers(Targets.parse("cp313-win_amd64")));
    assertEquals(
        "win32 Windows nt ARM64 cpython CPython 3.13 3.13.0 []",
        markers(Targets.parse("cp313-win_arm64")));
    assertEquals("x86", Targets.parse("cp39-win32").environment().platformMachine());
    assertEquals(
        "linux Linux posix aarch64 cpython CPython 3.12 3.12.0 []",
        markers(Targets.parse("cp312-musllinux_1_2_aarch64")));
    Target legacy = Targets.parse("cp310-manylinux2014_x86_64");
    assertEquals("3.10", legacy.environment().pythonVersion());
    assertTrue(legacy.tags().contains(new Tag("cp310", "cp310", "manylinux_2_17_x86_64")));
  }

  @Test
  void pypyAndFreeThreadingAndAPatchLevel() {
    Target pypy = Targets.parse("pp310-manylinux_2_28_x86_64");
    assertEquals("linux Linux posix x86_64 pypy PyPy 3.10 3.10.0 []", markers(pypy));
    assertEquals(new Tag("pp310", "pypy310_pp73", "manylinux_2_28_x86_64"), pypy.tags().get(0));

    Target ft = Targets.parse("cp313t-manylinux_2_28_x86_64");
    assertEquals(new Tag("cp313", "cp313t", "manylinux_2_28_x86_64"), ft.tags().get(0));
    assertFalse(ft.tags().stream().anyMatch(t -> t.abi().equals("abi3")));

    Target patch = Targets.parse("cp3.12.4-win_amd64");
    assertEquals("3.12.4", patch.environment().pythonFullVersion());
    assertEquals("3.12", patch.environment().pythonVersion());
    assertEquals(new Tag("cp312", "cp312", "win_amd64"), patch.tags().get(0));
  }

  @Test
  void theLongFormIsPipsOptions() {
    Target t = Targets.of("cp", "3.12", "manylinux_2_28_x86_64", Optional.of("cp312"));
    assertEquals(Targets.parse("cp312-manylinux_2_28_x86_64"), t);
    assertEquals(
        Targets.parse("cp311-win_amd64"), Targets.of("cp", "311", "win_amd64", Optional.empty()));
    assertEquals(
        "3.12.4",
        Targets.of("cp", "3.12.4", "win_amd64", Optional.empty())
            .environment()
            .pythonFullVersion());
  }

  @Test
  void badInputIsOneLineNamingTheAcceptedForms() {
    for (String bad :
        new String[] {
          "",
          "cp312",
          "cp312-",
          "py312-win_amd64",
          "cp312-freebsd_13_x86_64",
          "cp312-macosx_11_0_ppc",
          "pp310t-win_amd64",
          "cpython3.12-win_amd64",
          "cp312-win_amd64 "
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Targets.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("not a target: '" + bad + "'; expected "), bad);
      assertFalse(e.getMessage().contains("\n"));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Targets.of("jy", "3.12", "win_amd64", Optional.empty()));
    assertTrue(e.getMessage().contains("--implementation jy"), e.getMessage());
  }
}
