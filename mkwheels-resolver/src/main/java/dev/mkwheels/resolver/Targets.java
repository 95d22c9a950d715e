package dev.mkwheels.resolver;

import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.python.tags.TagTarget;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Targets named by the user: the short form {@code --target cp312-manylinux_2_28_x86_64}, and the
 * long form pip spells {@code --implementation cp --python-version 3.12 --platform
 * manylinux_2_28_x86_64 --abi cp312}.
 *
 * <p>The short form's grammar:
 *
 * <pre>
 * target   = python "-" platform
 * python   = impl digits ["t"]                  cp312, cp39, cp313t, pp310
 *          | impl major "." minor ["." patch] ["t"]   cp3.12.4, pp3.10
 * impl     = "cp" (CPython) | "pp" (PyPy)
 * digits   = major minor     one digit of major, one or two of minor: 312 is 3.12, 39 is 3.9
 * "t"      = a free-threaded CPython (ABI cp313t, no abi3 wheels)
 * platform = manylinux_X_Y_ARCH | manylinux1_ARCH | manylinux2010_ARCH | manylinux2014_ARCH
 *          | musllinux_X_Y_ARCH | linux_ARCH
 *                 (ARCH: x86_64, aarch64, i686, armv7l, ppc64, ppc64le, s390x)
 *          | macosx_X_Y_ARCH    (ARCH: x86_64, arm64)
 *          | win_amd64 | win_arm64 | win32
 * </pre>
 *
 * <p>The patch level of the Python version is 0 unless given ({@code cp3.12.4-...}): it is what
 * {@code python_full_version} markers and {@code Requires-Python} are judged on. The platform gives
 * the marker values: {@code sys_platform} linux, darwin or win32; {@code platform_system} Linux,
 * Darwin or Windows; {@code os_name} posix or nt; {@code platform_machine} the Linux or macOS
 * architecture as written ({@code x86_64}, {@code aarch64}, {@code arm64}) and AMD64, ARM64 or x86
 * on Windows; {@code platform_release} and {@code platform_version} are empty. {@code
 * implementation_name} is cpython or pypy; {@code implementation_version} is the Python version for
 * CPython and 7.3.0 for PyPy (whose ABI is taken as {@code pypy<version>_pp73}). The wheel tags are
 * packaging's for such an interpreter ({@link TagTarget#compatibleTags()}).
 */
public final class Targets {
  /** The accepted forms, quoted by every error. */
  public static final String FORMS =
      "expected IMPL+VERSION-PLATFORM, e.g. cp312-manylinux_2_28_x86_64, cp313t-win_amd64,"
          + " cp3.12.4-macosx_11_0_arm64, pp310-musllinux_1_2_aarch64 (IMPL cp or pp; PLATFORM"
          + " manylinux_X_Y_ARCH, manylinux2014_ARCH, musllinux_X_Y_ARCH, linux_ARCH,"
          + " macosx_X_Y_ARCH, win_amd64, win_arm64 or win32)";

  private static final Pattern SHORT =
      Pattern.compile("(cp|pp)(?:(\\d)(\\d{1,2})|(\\d+)\\.(\\d+)(?:\\.(\\d+))?)(t?)-(.+)");
  private static final Pattern VERSION =
      Pattern.compile("(\\d)(\\d{1,2})?|(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
  private static final Pattern LINUX =
      Pattern.compile(
          "(?:manylinux_\\d+_\\d+|manylinux1|manylinux2010|manylinux2014|musllinux_\\d+_\\d+|linux)"
              + "_(x86_64|aarch64|i686|armv7l|ppc64le|ppc64|s390x)");
  private static final Pattern MACOS = Pattern.compile("macosx_\\d+_\\d+_(x86_64|arm64)");

  private Targets() {}

  /**
   * The target named in the short form, for example {@code cp312-manylinux_2_28_x86_64}.
   *
   * @throws IllegalArgumentException one line naming the input and the accepted forms
   */
  public static Target parse(String text) {
    Objects.requireNonNull(text, "text is null");
    Matcher m = SHORT.matcher(text);
    if (!m.matches()) {
      throw bad(text);
    }
    String impl = m.group(1);
    int major = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
    int minor = Integer.parseInt(m.group(2) != null ? m.group(3) : m.group(5));
    int patch = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    boolean freeThreaded = !m.group(7).isEmpty();
    if (freeThreaded && !impl.equals("cp")) {
      throw bad(text);
    }
    Optional<String> abi =
        freeThreaded ? Optional.of("cp" + major + minor + "t") : Optional.empty();
    return build(text, impl, major, minor, patch, m.group(8), abi);
  }

  /**
   * The target pip's long form names: {@code --implementation cp --python-version 3.12 --platform
   * manylinux_2_28_x86_64 [--abi cp312]}.
   *
   * @param implementation {@code cp} or {@code pp}
   * @param pythonVersion {@code 3.12}, {@code 312} or {@code 3.12.4}
   * @param platform a platform tag of the short form's grammar
   * @param abi the interpreter's ABI, when not the default ({@code cp312}, {@code pypy310_pp73})
   * @throws IllegalArgumentException one line naming the bad value and the accepted forms
   */
  public static Target of(
      String implementation, String pythonVersion, String platform, Optional<String> abi) {
    Objects.requireNonNull(implementation, "implementation is null");
    Objects.requireNonNull(pythonVersion, "pythonVersion is null");
    Objects.requireNonNull(platform, "platform is null");
    Objects.requireNonNull(abi, "abi is null");
    String impl = implementation.toLowerCase(Locale.ROOT);
    String described =
        "--implementation "
            + implementation
            + " --python-version "
            + pythonVersion
            + " --platform "
            + platform
            + abi.map(a -> " --abi " + a).orElse("");
    Matcher v = VERSION.matcher(pythonVersion);
    if (!impl.equals("cp") && !impl.equals("pp") || !v.matches()) {
      throw bad(described);
    }
    int major = Integer.parseInt(v.group(1) != null ? v.group(1) : v.group(3));
    int minor;
    if (v.group(1) != null) {
      minor = v.group(2) == null ? 0 : Integer.parseInt(v.group(2));
    } else {
      minor = Integer.parseInt(v.group(4));
    }
    int patch = v.group(5) == null ? 0 : Integer.parseInt(v.group(5));
    String name = impl + major + minor;
    if (abi.isPresent() && abi.get().equals(name + "t")) {
      name += "t";
    } else if (abi.isPresent() && !abi.get().equals(name)) {
      name += "-" + abi.get();
    }
    Target target;
    try {
      target = build(name + "-" + platform, impl, major, minor, patch, platform, abi);
    } catch (IllegalArgumentException e) {
      throw bad(described);
    }
    return target;
  }

  private static Target build(
      String name,
      String impl,
      int major,
      int minor,
      int patch,
      String platform,
      Optional<String> abi) {
    String system;
    String machine;
    Matcher m;
    if ((m = LINUX.matcher(platform)).matches()) {
      system = "Linux";
      machine = m.group(1);
    } else if ((m = MACOS.matcher(platform)).matches()) {
      system = "Darwin";
      machine = m.group(1);
    } else if (platform.equals("win_amd64")) {
      system = "Windows";
      machine = "AMD64";
    } else if (platform.equals("win_arm64")) {
      system = "Windows";
      machine = "ARM64";
    } else if (platform.equals("win32")) {
      system = "Windows";
      machine = "x86";
    } else {
      throw bad(name);
    }
    boolean cpython = impl.equals("cp");
    String version = major + "." + minor;
    String full = version + "." + patch;
    TargetEnvironment environment =
        new TargetEnvironment(
            cpython ? "cpython" : "pypy",
            cpython ? full : "7.3.0",
            system.equals("Windows") ? "nt" : "posix",
            machine,
            "",
            system,
            "",
            full,
            cpython ? "CPython" : "PyPy",
            version,
            switch (system) {
              case "Linux" -> "linux";
              case "Darwin" -> "darwin";
              default -> "win32";
            });
    List<String> abis =
        abi.map(List::of).orElse(cpython ? List.of() : List.of("pypy" + major + minor + "_pp73"));
    List<Tag> tags = new TagTarget(impl, major, minor, abis, platform).compatibleTags();
    if (abis.stream().anyMatch(a -> a.startsWith("cp") && a.endsWith("t"))) {
      // a free-threaded CPython cannot load the stable ABI (packaging's cpython_tags agree)
      tags = tags.stream().filter(t -> !t.abi().equals("abi3")).toList();
    }
    return new Target(name, environment, tags);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("not a target: '" + text + "'; " + FORMS);
  }
}
