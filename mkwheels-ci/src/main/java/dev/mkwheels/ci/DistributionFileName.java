package dev.mkwheels.ci;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The project and version a distribution's file name carries: a wheel's per PEP 427 ({@code
 * name-version(-build)?-py-abi-platform.whl}, name and version escaped with {@code _}), an sdist's
 * per PEP 625 ({@code name-version.tar.gz}) or the older forms whose name keeps its hyphens ({@code
 * python-dateutil-2.8.2.tar.gz}).
 */
final class DistributionFileName {
  private static final List<String> SDIST_SUFFIXES =
      List.of(".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar");

  private DistributionFileName() {}

  /** Whether the name ends like a wheel or an sdist. */
  static boolean isDistribution(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".whl") || SDIST_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  static boolean isWheel(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".whl");
  }

  /** The pin, or empty when the name is not a distribution's or does not parse. */
  static Optional<Pin> parse(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".whl")) {
      return wheel(fileName.substring(0, fileName.length() - 4));
    }
    for (String suffix : SDIST_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return sdist(fileName.substring(0, fileName.length() - suffix.length()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Pin> wheel(String stem) {
    String[] parts = stem.split("-", -1);
    if (parts.length != 5 && parts.length != 6) {
      return Optional.empty();
    }
    return pin(parts[0], parts[1]);
  }

  private static Optional<Pin> sdist(String stem) {
    // The version follows the last hyphen after which a PEP 440 version stands.
    for (int i = stem.lastIndexOf('-'); i > 0; i = stem.lastIndexOf('-', i - 1)) {
      String version = stem.substring(i + 1);
      if (!version.isEmpty() && Pep440Version.parse(version).isPresent()) {
        return pin(stem.substring(0, i), version);
      }
    }
    return Optional.empty();
  }

  private static Optional<Pin> pin(String name, String version) {
    if (!Pin.isValidName(name) || version.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Pin(name, version));
  }
}
