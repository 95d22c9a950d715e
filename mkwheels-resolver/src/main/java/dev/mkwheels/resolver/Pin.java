package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One project of a resolved tree for one target. Immutable.
 *
 * @param candidate the version chosen
 * @param file the file the target installs (the candidate's most preferred)
 * @param extras the extras the tree asked of it, sorted
 * @param requiredBy the projects that require it, sorted; empty for a root
 */
public record Pin(
    Candidate candidate, IndexFile file, Set<String> extras, List<ProjectName> requiredBy) {
  public Pin {
    Objects.requireNonNull(candidate, "candidate is null");
    Objects.requireNonNull(file, "file is null");
    extras = Collections.unmodifiableSortedSet(new TreeSet<>(extras));
    requiredBy =
        requiredBy.stream()
            .distinct()
            .sorted(Comparator.comparing(ProjectName::normalized))
            .toList();
  }

  /** The project. */
  public ProjectName name() {
    return candidate.name();
  }
}
