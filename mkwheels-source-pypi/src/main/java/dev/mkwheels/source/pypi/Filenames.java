package dev.mkwheels.source.pypi;

import java.util.Locale;
import java.util.Optional;

/** The project and version a distribution's file name carries. */
final class Filenames {
  private Filenames() {}

  /**
   * The version part of a wheel ({@code name-1.0-py3-none-any.whl}) or sdist ({@code
   * name-1.0.tar.gz}) file name; empty for anything else.
   */
  static Optional<String> version(String filename) {
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

  /** Whether {@code filename} is a file of {@code version} (both compared normalized). */
  static boolean isOfVersion(String filename, String version) {
    return version(filename).flatMap(Pep440::normalize).map(version::equals).orElse(false);
  }
}
