package dev.mkwheels.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkerTest {
  private static final Map<String, String> LINUX_311 =
      Map.of(
          "python_version",
          "3.11",
          "python_full_version",
          "3.11.7",
          "sys_platform",
          "linux",
          "platform_python_implementation",
          "CPython",
          "platform_machine",
          "x86_64",
          "extra",
          "");

  private static Optional<Boolean> eval(String marker) {
    return Marker.evaluate(marker, LINUX_311);
  }

  @Test
  void comparesVersionsAsVersionsAndOtherValuesAsStrings() {
    assertEquals(Optional.of(true), eval("python_version >= '3.8'"));
    assertEquals(
        Optional.of(false),
        eval("python_version < \"3.9\""),
        "3.11 is not below 3.9, as text it would be");
    assertEquals(Optional.of(true), eval("python_full_version == '3.11.*'"));
    assertEquals(Optional.of(true), eval("python_version ~= '3.10'"));
    assertEquals(
        Optional.of(true), eval("sys_platform == 'linux' and platform_machine != 'aarch64'"));
    assertEquals(Optional.of(true), eval("'linux' in sys_platform"));
    assertEquals(Optional.of(true), eval("sys_platform not in 'win32 cygwin'"));
  }

  @Test
  void groupsAndOrAsPep508Says() {
    assertEquals(
        Optional.of(true),
        eval(
            "(platform_python_implementation == 'CPython') and extra == 'brotli' or python_version > '3'"));
    assertEquals(
        Optional.of(false),
        eval(
            "(platform_python_implementation == 'CPython') and (extra == 'brotli' or python_version < '3')"));
  }

  @Test
  void extrasCompareInTheirNormalForm() {
    Map<String, String> env = new java.util.HashMap<>(LINUX_311);
    env.put("extra", "use-chardet-on-py3");
    assertEquals(Optional.of(true), Marker.evaluate("extra == \"use_chardet_on_py3\"", env));
  }

  @Test
  void anUnparsableMarkerIsEmptyNotAGuess() {
    assertEquals(Optional.empty(), eval("python_version >="));
    assertEquals(Optional.empty(), eval("no_such_variable == '1'"));
    assertEquals(Optional.empty(), eval("(python_version > '3'"));
  }
}
