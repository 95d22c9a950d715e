package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A resolution and what the user should hear about it. Immutable.
 *
 * @param resolution the tree
 * @param droppedPreferences the projects whose preferred version ({@link
 *     ResolveRequest#preferences()}) was not kept because it no longer fits, sorted
 * @param notes one line each, sorted: each dropped preference, each extra asked of a project that
 *     does not provide it (pip warns of both, and goes on)
 * @param rounds how many pins the search tried, the one it kept included
 */
public record ResolutionReport(
    Resolution resolution, List<ProjectName> droppedPreferences, List<String> notes, int rounds) {
  public ResolutionReport {
    Objects.requireNonNull(resolution, "resolution is null");
    droppedPreferences =
        droppedPreferences.stream()
            .distinct()
            .sorted(Comparator.comparing(ProjectName::normalized))
            .toList();
    notes = notes.stream().sorted().toList();
  }
}
