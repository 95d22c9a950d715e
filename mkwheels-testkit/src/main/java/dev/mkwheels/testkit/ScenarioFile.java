package dev.mkwheels.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a {@link Scenario} serves on its index, with what the index says about it besides its
 * name and hash. Immutable.
 *
 * @param dist the file
 * @param uploaded its PEP 700 upload time
 * @param yanked the PEP 592 yank reason when the index marks it yanked
 * @param requiresPython the {@code data-requires-python} the index gives it, if any
 */
public record ScenarioFile(
    Dist dist, Instant uploaded, Optional<String> yanked, Optional<String> requiresPython) {
  public ScenarioFile {
    Objects.requireNonNull(dist, "dist is null");
    Objects.requireNonNull(uploaded, "uploaded is null");
    Objects.requireNonNull(yanked, "yanked is null");
    Objects.requireNonNull(requiresPython, "requiresPython is null");
  }

  /** A plain file: not yanked, no {@code data-requires-python}. */
  public static ScenarioFile of(Dist dist, Instant uploaded) {
    return new ScenarioFile(dist, uploaded, Optional.empty(), Optional.empty());
  }

  /** This file, marked yanked by the index with {@code reason}. */
  public ScenarioFile yank(String reason) {
    return new ScenarioFile(dist, uploaded, Optional.of(reason), requiresPython);
  }

  /** This file, with {@code data-requires-python} {@code specifier} on the index. */
  public ScenarioFile indexRequiresPython(String specifier) {
    return new ScenarioFile(dist, uploaded, yanked, Optional.of(specifier));
  }
}
