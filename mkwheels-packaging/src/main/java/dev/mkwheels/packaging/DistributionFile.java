package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A wheel or sdist in a directory to pack, named by its file name alone: the file name is read by
 * {@link WheelFileName} (PEP 427) or, for a {@code .tar.gz} or {@code .zip} sdist whose project is
 * not known, by {@link SdistFileName#parseUnknownProject}.
 *
 * @param fileName the file name as it is on disk
 * @param project the PEP 503 normalized project name
 * @param version the version as the file name spells it (PEP 440), which requirements.txt pins
 * @param kind wheel or sdist
 */
public record DistributionFile(String fileName, String project, String version, Kind kind) {

  /** How the distribution is packed. */
  public enum Kind {
    WHEEL,
    SDIST_TAR_GZ,
    SDIST_ZIP
  }

  /**
   * The characters a packed file name may hold: the tarball's order is String order only for ASCII,
   * and requirements.txt pins the version as spelled, so no space may reach it.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+!-]+");

  public DistributionFile {
    requireNonNull(fileName, "fileName is null");
    requireNonNull(project, "project is null");
    requireNonNull(version, "version is null");
    requireNonNull(kind, "kind is null");
  }

  /** Reads a file name, or empty when it names neither a wheel nor an sdist. */
  public static Optional<DistributionFile> parse(String fileName) {
    if (!PLAIN.matcher(fileName).matches()) {
      return Optional.empty();
    }
    try {
      if (fileName.endsWith(".whl")) {
        WheelFileName wheel = WheelFileName.parse(fileName);
        return of(fileName, wheel.name(), Kind.WHEEL);
      }
      Kind kind =
          fileName.endsWith(".tar.gz")
              ? Kind.SDIST_TAR_GZ
              : fileName.endsWith(".zip") ? Kind.SDIST_ZIP : null;
      if (kind == null) {
        return Optional.empty();
      }
      SdistFileName sdist = SdistFileName.parseUnknownProject(fileName);
      return of(fileName, sdist.name(), kind);
    } catch (IllegalArgumentException e) { // InvalidFileNameException, or a tag refused
      return Optional.empty();
    }
  }

  /** The parsed version; {@link #parse} made sure it is one. */
  public Version parsedVersion() {
    return Version.parse(version);
  }

  // Both kinds of name put the version, as spelled, right after the name as written and a dash;
  // pinning that spelling keeps requirements.txt what it always was for the same files.
  private static Optional<DistributionFile> of(String fileName, ProjectName name, Kind kind) {
    if (!ProjectName.isValid(name.name())) {
      return Optional.empty();
    }
    String rest = fileName.substring(name.name().length() + 1);
    int end =
        kind == Kind.WHEEL
            ? rest.indexOf('-')
            : rest.length() - (kind == Kind.SDIST_TAR_GZ ? ".tar.gz" : ".zip").length();
    return Optional.of(
        new DistributionFile(fileName, name.normalized(), rest.substring(0, end), kind));
  }
}
