package dev.mkwheels.ci;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A distribution pinned to one version, {@code name==version}. The name is kept in its PEP 503
 * normal form (lower case, runs of {@code -_.} as one {@code -}), so that {@code Jinja2} in a lock
 * and {@code jinja2-3.1.4-py3-none-any.whl} in a wheelhouse are the same pin.
 *
 * @param name the normalized project name
 * @param version the version as written (not normalized: the index and the databases know it so)
 */
public record Pin(String name, String version) implements Comparable<Pin> {
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern VALID_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Comparator<Pin> ORDER =
      Comparator.comparing(Pin::name)
          .thenComparing(
              p -> Pep440Version.parse(p.version()).orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Pin::version);

  public Pin {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid project name: '" + name + "'");
    }
    if (version.isBlank()) {
      throw new IllegalArgumentException("empty version for " + name);
    }
    name = normalize(name);
  }

  /** Whether {@code name} is a valid PEP 508 project name. */
  public static boolean isValidName(String name) {
    return VALID_NAME.matcher(name).matches();
  }

  /** The PEP 503 normal form of a project name. */
  public static String normalize(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** Whether {@code other} names the same version, PEP 440-wise ({@code 1.0} is {@code 1.0.0}). */
  public boolean sameVersion(String other) {
    var mine = Pep440Version.parse(version);
    var theirs = Pep440Version.parse(other);
    if (mine.isPresent() && theirs.isPresent()) {
      return mine.get().compareTo(theirs.get()) == 0;
    }
    return version.equals(other);
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
