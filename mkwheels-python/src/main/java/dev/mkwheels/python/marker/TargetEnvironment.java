package dev.mkwheels.python.marker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of PEP 508's marker variables for one target interpreter and platform, for example
 * CPython 3.12 on Linux x86_64. Immutable; every field is required (use the empty string for a
 * value a target does not have).
 *
 * @param implementationName {@code sys.implementation.name}: {@code cpython}, {@code pypy}
 * @param implementationVersion {@code sys.implementation.version} formatted: {@code 3.12.1}
 * @param osName {@code os.name}: {@code posix}, {@code nt}
 * @param platformMachine {@code platform.machine()}: {@code x86_64}, {@code arm64}, {@code AMD64}
 * @param platformRelease {@code platform.release()}: {@code 6.1.0-18-amd64}, {@code 23.1.0}
 * @param platformSystem {@code platform.system()}: {@code Linux}, {@code Darwin}, {@code Windows}
 * @param platformVersion {@code platform.version()}
 * @param pythonFullVersion {@code platform.python_version()}: {@code 3.12.1}
 * @param platformPythonImplementation {@code platform.python_implementation()}: {@code CPython}
 * @param pythonVersion the first two parts of the Python version: {@code 3.12}
 * @param sysPlatform {@code sys.platform}: {@code linux}, {@code darwin}, {@code win32}
 */
public record TargetEnvironment(
    String implementationName,
    String implementationVersion,
    String osName,
    String platformMachine,
    String platformRelease,
    String platformSystem,
    String platformVersion,
    String pythonFullVersion,
    String platformPythonImplementation,
    String pythonVersion,
    String sysPlatform) {
  public TargetEnvironment {
    Objects.requireNonNull(implementationName, "implementationName is null");
    Objects.requireNonNull(implementationVersion, "implementationVersion is null");
    Objects.requireNonNull(osName, "osName is null");
    Objects.requireNonNull(platformMachine, "platformMachine is null");
    Objects.requireNonNull(platformRelease, "platformRelease is null");
    Objects.requireNonNull(platformSystem, "platformSystem is null");
    Objects.requireNonNull(platformVersion, "platformVersion is null");
    Objects.requireNonNull(pythonFullVersion, "pythonFullVersion is null");
    Objects.requireNonNull(platformPythonImplementation, "platformPythonImplementation is null");
    Objects.requireNonNull(pythonVersion, "pythonVersion is null");
    Objects.requireNonNull(sysPlatform, "sysPlatform is null");
  }

  /** The variables by their PEP 508 names, sorted. */
  public Map<String, String> asMap() {
    Map<String, String> map = new TreeMap<>();
    map.put("implementation_name", implementationName);
    map.put("implementation_version", implementationVersion);
    map.put("os_name", osName);
    map.put("platform_machine", platformMachine);
    map.put("platform_release", platformRelease);
    map.put("platform_system", platformSystem);
    map.put("platform_version", platformVersion);
    map.put("python_full_version", pythonFullVersion);
    map.put("platform_python_implementation", platformPythonImplementation);
    map.put("python_version", pythonVersion);
    map.put("sys_platform", sysPlatform);
    return map;
  }

  /**
   * The value of the variable called {@code name} (a PEP 508 name), if it is one. Read for every
   * marker a resolution evaluates: no map is made for it.
   */
  public Optional<String> get(String name) {
    String value =
        switch (name) {
          case "implementation_name" -> implementationName;
          case "implementation_version" -> implementationVersion;
          case "os_name" -> osName;
          case "platform_machine" -> platformMachine;
          case "platform_release" -> platformRelease;
          case "platform_system" -> platformSystem;
          case "platform_version" -> platformVersion;
          case "python_full_version" -> pythonFullVersion;
          case "platform_python_implementation" -> platformPythonImplementation;
          case "python_version" -> pythonVersion;
          case "sys_platform" -> sysPlatform;
          default -> null;
        };
    return Optional.ofNullable(value);
  }
}
