package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A wheel or sdist named by its file name alone (PEP 427 for wheels, {@code name-version.tar.gz} or
 * {@code .zip} for sdists).
 *
 * @param fileName the file name as it is on disk
 * @param project the PEP 503 normalized project name
 * @param version the version as the file name spells it (PEP 440)
 * @param kind wheel or sdist
 */
public record DistributionFile(String fileName, String project, String version, Kind kind) {

  /** How the distribution is packed. */
  public enum Kind {
    WHEEL,
    SDIST_TAR_GZ,
    SDIST_ZIP
  }

  /** PEP 440's permissive version pattern, as pip's {@code packaging} library spells it. */
  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*"
              + "(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
              + "(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
              + "(?:[-_.]?dev[-_.]?[0-9]*)?"
              + "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
          Pattern.CASE_INSENSITIVE);

  /** PEP 508 project names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");

  /** A wheel's tags: letters, digits, underscores and dots (compressed tag sets). */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.]+");

  private static final Pattern BUILD = Pattern.compile("[0-9][A-Za-z0-9_.]*");

  public DistributionFile {
    requireNonNull(fileName, "fileName is null");
    requireNonNull(project, "project is null");
    requireNonNull(version, "version is null");
    requireNonNull(kind, "kind is null");
  }

  /** Reads a file name, or empty when it names neither a wheel nor an sdist. */
  public static Optional<DistributionFile> parse(String fileName) {
    if (fileName.endsWith(".whl")) {
      return wheel(fileName);
    }
    if (fileName.endsWith(".tar.gz")) {
      return sdist(fileName, ".tar.gz", Kind.SDIST_TAR_GZ);
    }
    if (fileName.endsWith(".zip")) {
      return sdist(fileName, ".zip", Kind.SDIST_ZIP);
    }
    return Optional.empty();
  }

  /** PEP 503: lower case, every run of {@code -_.} one hyphen. */
  public static String normalize(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  static boolean isVersion(String text) {
    return VERSION.matcher(text).matches();
  }

  static boolean isProjectName(String text) {
    return NAME.matcher(text).matches();
  }

  // {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl, where each
  // component is escaped so that it holds no hyphen.
  private static Optional<DistributionFile> wheel(String fileName) {
    String stem = fileName.substring(0, fileName.length() - ".whl".length());
    List<String> parts = List.of(stem.split("-", -1));
    if (parts.size() != 5 && parts.size() != 6) {
      return Optional.empty();
    }
    String name = parts.get(0);
    String version = parts.get(1);
    if (!isProjectName(name) || !isVersion(version)) {
      return Optional.empty();
    }
    if (parts.size() == 6 && !BUILD.matcher(parts.get(2)).matches()) {
      return Optional.empty();
    }
    for (String tag : parts.subList(parts.size() - 3, parts.size())) {
      if (!TAG.matcher(tag).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(new DistributionFile(fileName, normalize(name), version, Kind.WHEEL));
  }

  // name-version.tar.gz. A legacy sdist's name may hold hyphens ("python-dateutil-2.8.2"), so the
  // name ends at the first hyphen after which a valid version follows.
  private static Optional<DistributionFile> sdist(String fileName, String suffix, Kind kind) {
    String stem = fileName.substring(0, fileName.length() - suffix.length());
    for (int hyphen = stem.indexOf('-'); hyphen >= 0; hyphen = stem.indexOf('-', hyphen + 1)) {
      String name = stem.substring(0, hyphen);
      String version = stem.substring(hyphen + 1);
      if (isProjectName(name) && isVersion(version)) {
        return Optional.of(new DistributionFile(fileName, normalize(name), version, kind));
      }
    }
    return Optional.empty();
  }
}
