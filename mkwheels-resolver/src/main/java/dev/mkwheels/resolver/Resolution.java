package dev.mkwheels.resolver;

import dev.mkwheels.python.name.ProjectName;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved tree for one target. Immutable.
 *
 * @param target the target it is for
 * @param pins one per project, sorted by name
 */
public record Resolution(Target target, List<Pin> pins) {
  public Resolution {
    Objects.requireNonNull(target, "target is null");
    pins = pins.stream().sorted(Comparator.comparing((Pin p) -> p.name().normalized())).toList();
  }

  /** The pin of {@code project}, if the tree has it. */
  public Optional<Pin> pin(ProjectName project) {
    return pins.stream().filter(p -> p.name().equals(project)).findFirst();
  }
}
