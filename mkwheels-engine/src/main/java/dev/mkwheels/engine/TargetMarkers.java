package dev.mkwheels.engine;

import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.resolver.Target;
import java.util.List;
import java.util.TreeSet;

/**
 * The PEP 508 marker that tells one target from another in a multi-target requirements.txt: its
 * Python version, implementation, platform and machine, the values pip evaluates on the machine
 * that installs.
 */
final class TargetMarkers {
  private TargetMarkers() {}

  /** For example {@code python_version == "3.12" and sys_platform == "linux" and ...}. */
  static String of(Target target) {
    TargetEnvironment env = target.environment();
    return "python_version == \""
        + env.pythonVersion()
        + "\" and implementation_name == \""
        + env.implementationName()
        + "\" and sys_platform == \""
        + env.sysPlatform()
        + "\" and platform_machine == \""
        + env.platformMachine()
        + "\"";
  }

  /** Any of {@code markers}: each in parentheses, sorted, joined with {@code or}. */
  static String any(List<String> markers) {
    TreeSet<String> distinct = new TreeSet<>(markers);
    if (distinct.size() == 1) {
      return distinct.first();
    }
    return String.join(" or ", distinct.stream().map(m -> "(" + m + ")").toList());
  }
}
