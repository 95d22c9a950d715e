package dev.mkwheels.python.tags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A short description of a target interpreter, enough to list the wheel tags it accepts in
 * packaging's order of preference ({@code packaging.tags.sys_tags} for such an interpreter: {@code
 * cpython_tags} or {@code generic_tags}, then {@code compatible_tags}, with CPython's {@code
 * cp3x-none-any} as packaging 22+ and pip list it).
 *
 * @param implementation the short interpreter name: {@code cp} (CPython), {@code pp} (PyPy), or
 *     another such as {@code graalpy}
 * @param major the Python major version, for example 3
 * @param minor the Python minor version, for example 12
 * @param abis the interpreter's own ABIs, most specific first (for example {@code cp312}, {@code
 *     cp313t}, {@code pypy310_pp73}); empty for CPython's default {@code cp<version>}
 * @param platform the machine's newest platform tag, widened by {@link PlatformTags#expand}
 */
public record TagTarget(
    String implementation, int major, int minor, List<String> abis, String platform) {
  public TagTarget {
    Objects.requireNonNull(implementation, "implementation is null");
    abis = List.copyOf(Objects.requireNonNull(abis, "abis is null"));
    Objects.requireNonNull(platform, "platform is null");
  }

  /** The tags this target accepts, most preferred first, without repeats. */
  public List<Tag> compatibleTags() {
    String nodot = "" + major + minor;
    List<String> platforms = PlatformTags.expand(platform);
    Set<Tag> tags = new LinkedHashSet<>();
    if (implementation.equals("cp")) {
      String interpreter = "cp" + nodot;
      List<String> own = new ArrayList<>(abis.isEmpty() ? List.of(interpreter) : abis);
      own.removeAll(List.of("abi3", "none"));
      for (String abi : own) {
        platforms.forEach(p -> tags.add(new Tag(interpreter, abi, p)));
      }
      boolean abi3 = major > 3 || major == 3 && minor >= 2;
      if (abi3) {
        platforms.forEach(p -> tags.add(new Tag(interpreter, "abi3", p)));
      }
      platforms.forEach(p -> tags.add(new Tag(interpreter, "none", p)));
      if (abi3) {
        for (int m = minor - 1; m > 1; m--) {
          String older = "cp" + major + m;
          platforms.forEach(p -> tags.add(new Tag(older, "abi3", p)));
        }
      }
    } else {
      String interpreter = implementation + nodot;
      List<String> own = new ArrayList<>(abis);
      if (!own.contains("none")) {
        own.add("none");
      }
      for (String abi : own) {
        platforms.forEach(p -> tags.add(new Tag(interpreter, abi, p)));
      }
    }
    List<String> pythons = new ArrayList<>();
    pythons.add("py" + nodot);
    pythons.add("py" + major);
    for (int m = minor - 1; m >= 0; m--) {
      pythons.add("py" + major + m);
    }
    for (String py : pythons) {
      platforms.forEach(p -> tags.add(new Tag(py, "none", p)));
    }
    if (implementation.equals("pp")) {
      tags.add(new Tag("pp3", "none", "any"));
    } else if (implementation.equals("cp")) {
      // packaging 22+ and pip's own tag list; packaging 21.3's sys_tags leaves it out
      tags.add(new Tag("cp" + nodot, "none", "any"));
    }
    pythons.forEach(py -> tags.add(new Tag(py, "none", "any")));
    return List.copyOf(tags);
  }
}
