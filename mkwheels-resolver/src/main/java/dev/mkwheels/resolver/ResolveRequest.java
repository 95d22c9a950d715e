package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.Version;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to resolve, the same for every target. Immutable.
 *
 * @param roots the requirements asked for (a root may be a direct reference, {@code name @ URL})
 * @param constraints {@code -c} lines: they narrow a project's versions when something requires it,
 *     and never add a project
 * @param preferences versions to keep when they still fit (a lock's existing pins): tried first,
 *     dropped one by one only when they conflict
 * @param pre whether pre-releases are allowed everywhere ({@code --pre}); without it a pre-release
 *     is chosen only when a specifier names one or when a project has nothing else that fits
 */
public record ResolveRequest(
    List<Requirement> roots,
    List<Requirement> constraints,
    Map<ProjectName, Version> preferences,
    boolean pre) {
  public ResolveRequest {
    roots = List.copyOf(roots);
    constraints = List.copyOf(constraints);
    // ProjectName is not Comparable: sort by the normalized name
    Map<ProjectName, Version> sorted = new TreeMap<>(Comparator.comparing(ProjectName::normalized));
    sorted.putAll(Objects.requireNonNull(preferences, "preferences is null"));
    preferences = Collections.unmodifiableMap(sorted);
  }

  /** Only roots: no constraint, no preference, no {@code --pre}. */
  public static ResolveRequest of(List<Requirement> roots) {
    return new ResolveRequest(roots, List.of(), Map.of(), false);
  }
}
