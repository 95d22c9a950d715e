package dev.mkwheels.ci;

import dev.mkwheels.python.marker.InvalidMarkerException;
import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.marker.TargetEnvironment;
import dev.mkwheels.python.requirement.InvalidRequirementException;
import dev.mkwheels.python.requirement.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 *
 * <p>A {@code Requires-Dist} line that does not parse, or whose marker cannot be evaluated, is an
 * error naming the distribution and the line: the lock never guesses whether a dependency applies.
 */
final class DependencyGraph {
  private DependencyGraph() {}

  /**
   * Each distribution's dependents (normalized names), sorted; a top-level one may have none.
   *
   * @throws CiException naming the distribution and the line when a {@code Requires-Dist} line or
   *     its marker cannot be read
   */
  static Map<String, Set<String>> dependents(PipReport report) throws CiException {
    Map<String, PipReport.Item> byName = new TreeMap<>();
    report.install().forEach(item -> byName.put(item.pin().name(), item));
    Map<String, List<Requirement>> requirements = new HashMap<>();
    for (PipReport.Item item : report.install()) {
      requirements.put(item.pin().name(), requirements(item));
    }
    Map<String, Set<String>> extras = new HashMap<>();
    for (PipReport.Item item : report.install()) {
      extras
          .computeIfAbsent(item.pin().name(), n -> new TreeSet<>())
          .addAll(item.requestedExtras());
    }
    TargetEnvironment environment = report.targetEnvironment();
    Map<String, Set<String>> dependents = new TreeMap<>();
    byName.keySet().forEach(name -> dependents.put(name, new TreeSet<>()));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (PipReport.Item parent : byName.values()) {
        String parentName = parent.pin().name();
        for (Requirement requirement : requirements.get(parentName)) {
          String child = requirement.projectName().normalized();
          if (!byName.containsKey(child) || child.equals(parentName)) {
            continue;
          }
          if (!applies(parent, requirement, extras.get(parentName), environment)) {
            continue;
          }
          changed |= dependents.get(child).add(parentName);
          for (String extra : requirement.extras()) {
            changed |= extras.get(child).add(Pin.normalize(extra));
          }
        }
      }
    }
    return dependents;
  }

  private static List<Requirement> requirements(PipReport.Item item) throws CiException {
    List<Requirement> parsed = new ArrayList<>();
    for (String line : item.requiresDist()) {
      try {
        parsed.add(Requirement.parse(line));
      } catch (InvalidRequirementException e) {
        throw new CiException(
            item.pin() + " has a Requires-Dist line that does not parse: " + e.getMessage());
      }
    }
    return parsed;
  }

  /** Whether the marker holds with no extra or with one of the parent's active extras. */
  private static boolean applies(
      PipReport.Item parent,
      Requirement requirement,
      Set<String> activeExtras,
      TargetEnvironment environment)
      throws CiException {
    if (requirement.marker().isEmpty()) {
      return true;
    }
    Marker marker = requirement.marker().get();
    try {
      for (String extra : spellings(activeExtras)) {
        if (marker.evaluate(environment, extra)) {
          return true;
        }
      }
    } catch (InvalidMarkerException e) {
      throw new CiException(
          parent.pin()
              + " has a Requires-Dist line whose marker cannot be evaluated: "
              + e.getMessage());
    }
    return false;
  }

  /**
   * No extra, then each active extra (normalized) in the two forms metadata writes it: PEP 685's
   * {@code use-chardet-on-py3} and setuptools' older {@code use_chardet_on_py3}. The marker
   * compares extras as strings, as {@code packaging} 21.3 (pip's) does.
   */
  private static Set<String> spellings(Set<String> activeExtras) {
    Set<String> all = new LinkedHashSet<>();
    all.add("");
    for (String extra : activeExtras) {
      all.add(extra);
      all.add(extra.replace('-', '_'));
    }
    return all;
  }
}
