package dev.mkwheels.pip;

import java.util.Locale;
import java.util.Optional;

/** The project name a distribution's file name carries, PEP 503 normalized. */
public final class DistributionName {
  private DistributionName() {}

  /**
   * {@code Foo_Bar-1.0-py3-none-any.whl} and {@code foo.bar-1.0.tar.gz} both give {@code foo-bar};
   * empty for a name that is neither a wheel nor an sdist.
   */
  public static Optional<String> project(String filename) {
    String lower = filename.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".whl")) {
      int dash = filename.indexOf('-');
      return dash <= 0 ? Optional.empty() : Optional.of(normalize(filename.substring(0, dash)));
    }
    for (String extension : new String[] {".tar.gz", ".zip", ".tar.bz2", ".tgz"}) {
      if (lower.endsWith(extension)) {
        String stem = filename.substring(0, filename.length() - extension.length());
        int dash = stem.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : Optional.of(normalize(stem.substring(0, dash)));
      }
    }
    return Optional.empty();
  }

  /** The version part of a wheel's or an sdist's file name, as written there. */
  public static Optional<String> version(String filename) {
    String lower = filename.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".whl")) {
      String[] parts = filename.split("-");
      return parts.length >= 5 ? Optional.of(parts[1]) : Optional.empty();
    }
    for (String extension : new String[] {".tar.gz", ".zip", ".tar.bz2", ".tgz"}) {
      if (lower.endsWith(extension)) {
        String stem = filename.substring(0, filename.length() - extension.length());
        int dash = stem.lastIndexOf('-');
        return dash <= 0 ? Optional.empty() : Optional.of(stem.substring(dash + 1));
      }
    }
    return Optional.empty();
  }

  /** PEP 503: runs of {@code -_.} become {@code -}, lower case. */
  public static String normalize(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }
}
