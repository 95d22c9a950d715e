package dev.mkwheels.python.name;

import java.util.Locale;
import java.util.Objects;

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
    int n = name.length();
    if (n == 0 || !isAsciiLetterOrDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = name.charAt(i);
      if (!isAsciiLetterOrDigit(c) && !isSeparator(c)) {
        return false;
      }
    }
    return isAsciiLetterOrDigit(name.charAt(n - 1));
  }

  /**
   * The PEP 503 normalized form of any string: lower case, runs of {@code -}, {@code _} and {@code
   * .} collapsed to one {@code -}. Like {@code canonicalize_name}, it does not validate.
   */
  public static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean inRun = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (isSeparator(c)) {
        if (!inRun) {
          out.append('-');
        }
        inRun = true;
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
