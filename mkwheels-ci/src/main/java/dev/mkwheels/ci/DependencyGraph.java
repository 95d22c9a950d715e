package dev.mkwheels.ci;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which resolved distribution depends on which, for the lock's {@code # via} comments. pip's report
 * gives each distribution's {@code Requires-Dist} but not the edges it followed, so they are
 * rebuilt: an edge where a requirement names a resolved distribution and its marker holds for the
 * interpreter, with no extra or with an extra that is active for the parent. Extras activate along
 * the edges, so the walk repeats until nothing changes.
 */
final class DependencyGraph {
  private DependencyGraph() {}

  /** Each distribution's dependents (normalized names), sorted; a top-level one may have none. */
  static Map<String, Set<String>> dependents(PipReport report) {
    Map<String, PipReport.Item> byName = new TreeMap<>();
    report.install().forEach(item -> byName.put(item.pin().name(), item));
    Map<String, Set<String>> extras = new HashMap<>();
    for (PipReport.Item item : report.install()) {
      extras
          .computeIfAbsent(item.pin().name(), n -> new TreeSet<>())
          .addAll(item.requestedExtras());
    }
    Map<String, Set<String>> dependents = new TreeMap<>();
    byName.keySet().forEach(name -> dependents.put(name, new TreeSet<>()));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (PipReport.Item parent : byName.values()) {
        String parentName = parent.pin().name();
        for (String line : parent.requiresDist()) {
          var requirement = RequirementLine.parse(line);
          if (requirement.isEmpty()
              || !byName.containsKey(requirement.get().name())
              || requirement.get().name().equals(parentName)) {
            continue;
          }
          if (!applies(requirement.get().marker(), extras.get(parentName), report.environment())) {
            continue;
          }
          String child = requirement.get().name();
          changed |= dependents.get(child).add(parentName);
          changed |= extras.get(child).addAll(requirement.get().extras());
        }
      }
    }
    return dependents;
  }

  /** Whether the marker holds with no extra or with one of the parent's active extras. */
  private static boolean applies(
      String marker, Set<String> activeExtras, Map<String, String> environment) {
    if (marker.isEmpty()) {
      return true;
    }
    Map<String, String> env = new HashMap<>(environment);
    for (String extra : concat("", activeExtras)) {
      env.put("extra", extra);
      // A marker that does not parse counts as holding: a spurious "via" beats a missing one.
      if (Marker.evaluate(marker, env).orElse(true)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> concat(String first, Set<String> rest) {
    List<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
