package dev.mkwheels.resolver;

import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One requirement in force on a project during a search: from the root, from a constraint, or from
 * a pinned candidate. Immutable.
 *
 * @param requirement what is required (its marker already judged true)
 * @param parent the candidate that requires it; empty for the root and for a constraint
 * @param constraint whether it is a {@code -c} line
 * @param because the pinned projects whose choice put it here: its parent, and for a requirement of
 *     an extra, the projects that asked for that extra; what a conflict blames when it jumps back
 */
record Edge(
    Requirement requirement,
    Optional<Candidate> parent,
    boolean constraint,
    Set<ProjectName> because) {
  Edge {
    Objects.requireNonNull(requirement, "requirement is null");
    Objects.requireNonNull(parent, "parent is null");
    because = Set.copyOf(because);
  }

  static Edge root(Requirement requirement) {
    return new Edge(requirement, Optional.empty(), false, Set.of());
  }

  static Edge constraint(Requirement requirement) {
    return new Edge(requirement, Optional.empty(), true, Set.of());
  }

  ProjectName project() {
    return requirement.projectName();
  }

  /** Who requires it, as messages say it: {@code root}, {@code constraint}, {@code app 1.0}. */
  String source() {
    if (constraint) {
      return "constraint";
    }
    return parent.map(c -> c.name() + " " + c.version()).orElse("root");
  }

  /** The requirement without its marker: {@code lib[x]>=2}, {@code lib @ URL}. */
  String what() {
    StringBuilder s = new StringBuilder(requirement.name());
    if (!requirement.extras().isEmpty()) {
      s.append('[').append(String.join(",", requirement.sortedExtras())).append(']');
    }
    s.append(requirement.specifier());
    requirement.url().ifPresent(u -> s.append(" @ ").append(Redaction.mask(u)));
    return s.toString();
  }
}
