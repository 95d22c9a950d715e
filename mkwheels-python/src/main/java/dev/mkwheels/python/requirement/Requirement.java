package dev.mkwheels.python.requirement;

import dev.mkwheels.python.marker.InvalidMarkerException;
import dev.mkwheels.python.marker.Marker;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.InvalidSpecifierException;
import dev.mkwheels.python.version.SpecifierSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PEP 508 requirement, as in a {@code Requires-Dist} line: a project name, extras, then either a
 * version specifier set (with or without parentheses) or a URL after {@code @}, then an optional
 * marker after {@code ;}. Parsed with the grammar of {@code packaging.requirements}; a specifier
 * that is not PEP 440 (a legacy specifier) makes the requirement invalid.
 *
 * @param name the project name as written
 * @param extras the extras as written, sorted
 * @param specifier the version specifiers, empty when none or when a URL is given
 * @param url the URL after {@code @}, if any
 * @param marker the marker after {@code ;}, if any
 */
public record Requirement(
    String name,
    Set<String> extras,
    SpecifierSet specifier,
    Optional<String> url,
    Optional<Marker> marker) {
  public Requirement {
    Objects.requireNonNull(name, "name is null");
    extras =
        Collections.unmodifiableSortedSet(
            new TreeSet<>(Objects.requireNonNull(extras, "extras is null")));
    Objects.requireNonNull(specifier, "specifier is null");
    Objects.requireNonNull(url, "url is null");
    Objects.requireNonNull(marker, "marker is null");
  }

  /**
   * Parses a requirement.
   *
   * @throws InvalidRequirementException naming {@code text} if it does not parse, including when
   *     its specifier or its marker does not
   */
  public static Requirement parse(String text) {
    Objects.requireNonNull(text, "text is null");
    try {
      return new RequirementParser(text).parse();
    } catch (InvalidSpecifierException | InvalidMarkerException e) {
      throw new InvalidRequirementException(text, e.getMessage());
    }
  }

  /** The PEP 503 form of the name. */
  public ProjectName projectName() {
    return new ProjectName(name, ProjectName.normalize(name));
  }

  /** The extras, sorted. */
  public List<String> sortedExtras() {
    return List.copyOf(new TreeSet<>(extras));
  }

  /** The normalized form packaging prints: {@code name[extras]specifier; marker}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name);
    if (!extras.isEmpty()) {
      s.append('[').append(String.join(",", sortedExtras())).append(']');
    }
    if (!specifier.isEmpty()) {
      s.append(specifier);
    }
    url.ifPresent(u -> s.append("@ ").append(u).append(marker.isPresent() ? " " : ""));
    marker.ifPresent(m -> s.append("; ").append(m));
    return s.toString();
  }
}
