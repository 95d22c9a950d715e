package dev.mkwheels.python.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the differential suite cannot show: messages, and the PEP 508 choices over 21.3. */
class MarkerTest {
  private static final TargetEnvironment LINUX_314_RC =
      new TargetEnvironment(
          "cpython",
          "3.14.0rc1",
          "posix",
          "x86_64",
          "6.1.0-18-amd64",
          "Linux",
          "#1 SMP",
          "3.14.0rc1",
          "CPython",
          "3.14",
          "linux");

  @Test
  void aMarkerThatDoesNotParseIsAnErrorNamingIt() {
    for (String bad : new String[] {"python_version < 3.8", "os_name == 'nt' or", "foo == 'x'"}) {
      InvalidMarkerException e =
          assertThrows(InvalidMarkerException.class, () -> Marker.parse(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void anUndefinedComparisonIsAnErrorNotTrue() {
    Marker m = Marker.parse("os_name ~= 'posix'");
    InvalidMarkerException e =
        assertThrows(InvalidMarkerException.class, () -> m.evaluate(LINUX_314_RC));
    assertTrue(e.getMessage().contains("os_name ~= 'posix'"), e.getMessage());
  }

  @Test
  void aPreReleasePythonIsInsideVersionRanges() {
    assertTrue(Marker.parse("python_full_version >= '3.8'").evaluate(LINUX_314_RC));
  }

  @Test
  void aNonVersionPlatformReleaseComparesAsAString() {
    assertTrue(Marker.parse("platform_release >= '6'").evaluate(LINUX_314_RC));
    assertFalse(Marker.parse("platform_release < '6'").evaluate(LINUX_314_RC));
  }

  @Test
  void extraIsEmptyUnlessGiven() {
    Marker m = Marker.parse("extra == 'test' and os.name == \"posix\"");
    assertFalse(m.evaluate(LINUX_314_RC));
    assertTrue(m.evaluate(LINUX_314_RC, "test"));
    assertEquals("extra == \"test\" and os_name == \"posix\"", m.toString());
  }
}
