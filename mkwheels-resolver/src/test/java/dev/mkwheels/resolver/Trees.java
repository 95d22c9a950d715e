package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers the resolver tests share. */
final class Trees {
  static final Target LINUX = Targets.parse("cp312-manylinux_2_28_x86_64");
  static final Target WINDOWS = Targets.parse("cp313-win_amd64");

  private Trees() {}

  static List<Requirement> reqs(String... lines) {
    return Arrays.stream(lines).map(Requirement::parse).toList();
  }

  static ResolveRequest roots(String... lines) {
    return ResolveRequest.of(reqs(lines));
  }

  /** The tree as {@code name==version} lines, sorted. */
  static String tree(Resolution resolution) {
    Map<String, String> pins = new TreeMap<>();
    resolution
        .pins()
        .forEach(p -> pins.put(p.name().normalized(), p.candidate().version().toString()));
    StringBuilder s = new StringBuilder();
    pins.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append("==").append(v));
    return s.toString();
  }

  static Map<ProjectName, Version> prefer(String... pins) {
    Map<ProjectName, Version> out =
        new TreeMap<>((a, b) -> a.normalized().compareTo(b.normalized()));
    for (String pin : pins) {
      String[] parts = pin.split("==");
      out.put(ProjectName.of(parts[0]), Version.parse(parts[1]));
    }
    return out;
  }
}
