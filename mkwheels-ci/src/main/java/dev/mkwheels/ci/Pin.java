package dev.mkwheels.ci;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A distribution pinned to one version, {@code name==version}. The name is kept in its PEP 503
 * normal form (lower case, runs of {@code -_.} as one {@code -}), so that {@code Jinja2} in a lock
 * and {@code jinja2-3.1.4-py3-none-any.whl} in a wheelhouse are the same pin.
 *
 * @param name the normalized project name
 * @param version the version as written (not normalized: the index and the databases know it so)
 */
public record Pin(String name, String version) implements Comparable<Pin> {
  private static final Comparator<Pin> ORDER =
      Comparator.comparing(Pin::name)
          .thenComparing(
              p -> version(p.version()).orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Pin::version);

  public Pin {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    if (!ProjectName.isValid(name)) {
      throw new IllegalArgumentException("not a valid project name: '" + name + "'");
    }
    if (version.isBlank()) {
      throw new IllegalArgumentException("empty version for " + name);
    }
    name = normalize(name);
  }

  /** Whether {@code name} is a valid PEP 508 project name. */
  public static boolean isValidName(String name) {
    return ProjectName.isValid(name);
  }

  /** The PEP 503 normal form of a project name. */
  public static String normalize(String name) {
    return ProjectName.normalize(name);
  }

  /** Whether {@code other} names the same version, PEP 440-wise ({@code 1.0} is {@code 1.0.0}). */
  public boolean sameVersion(String other) {
    var mine = version(version);
    var theirs = version(other);
    if (mine.isPresent() && theirs.isPresent()) {
      return mine.get().equals(theirs.get());
    }
    return version.equals(other);
  }

  /** The PEP 440 version {@code text} names, or empty when it is a legacy version. */
  static Optional<Version> version(String text) {
    return Version.isValid(text) ? Optional.of(Version.parse(text)) : Optional.empty();
  }

  /** By name, then by PEP 440 version. */
  @Override
  public int compareTo(Pin other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return name + "==" + version;
  }
}
