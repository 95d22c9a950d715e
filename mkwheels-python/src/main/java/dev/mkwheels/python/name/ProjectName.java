package dev.mkwheels.python.name;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Python project name and its PEP 503 normalized form.
 *
 * <p>{@link #of} accepts only names valid under the core metadata rule (ASCII letters and digits at
 * both ends, {@code .}, {@code _} and {@code -} inside); {@link #normalize} normalizes any string
 * the way {@code packaging.utils.canonicalize_name} does. Instances are immutable; equality is by
 * the normalized form, so {@code Foo.Bar} equals {@code foo-bar}.
 *
 * @param name the name as written, never null
 * @param normalized the PEP 503 form: lower case, each run of {@code -_.} replaced by one {@code -}
 */
public record ProjectName(String name, String normalized) {
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern VALID =
      Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);

  public ProjectName {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(normalized, "normalized is null");
  }

  /**
   * Parses a project name.
   *
   * @throws IllegalArgumentException naming the input if it is not a valid project name
   */
  public static ProjectName of(String name) {
    Objects.requireNonNull(name, "name is null");
    if (!isValid(name)) {
      throw new IllegalArgumentException("invalid project name: '" + name + "'");
    }
    return new ProjectName(name, normalize(name));
  }

  /** Whether {@code name} is a valid project name (the core metadata {@code Name} rule). */
  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /**
   * The PEP 503 normalized form of any string: lower case, runs of {@code -}, {@code _} and {@code
   * .} collapsed to one {@code -}. Like {@code canonicalize_name}, it does not validate.
   */
  public static String normalize(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectName other && normalized.equals(other.normalized);
  }

  @Override
  public int hashCode() {
    return normalized.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
