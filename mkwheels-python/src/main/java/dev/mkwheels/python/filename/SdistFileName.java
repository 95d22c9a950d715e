package dev.mkwheels.python.filename;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A source distribution file name: {@code name-version.tar.gz} (PEP 625) or one of the legacy
 * archive forms pip still installs ({@code .zip}, {@code .tar.bz2}, {@code .tgz}, ...).
 *
 * <p>A legacy name is ambiguous, since names and versions may both hold dashes: {@code
 * foo-1.0-2.tar.gz} is project {@code foo-1-0} version {@code 2} read alone ({@link
 * #parse(String)}, as {@code packaging.utils.parse_sdist_filename} reads it), but project {@code
 * foo} version {@code 1.0.post2} for an index page of {@code foo} ({@link #parse(String,
 * ProjectName)}, as pip's finder reads it). Use the second whenever the project is known.
 *
 * @param name the project name, normalized
 * @param version the version
 * @param extension the archive extension, with its dot: {@code .tar.gz}
 */
public record SdistFileName(ProjectName name, Version version, String extension) {
  /** The archive extensions pip accepts for a source distribution, longest first. */
  public static final List<String> EXTENSIONS =
      List.of(
          ".tar.lzma",
          ".tar.bz2",
          ".tar.gz",
          ".tar.xz",
          ".tar.lz",
          ".tar",
          ".tbz",
          ".tgz",
          ".txz",
          ".tlz",
          ".zip");

  public SdistFileName {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(extension, "extension is null");
  }

  /**
   * Reads a PEP 625 sdist name alone: {@code .tar.gz} or {@code .zip}, the version after the last
   * dash.
   *
   * @throws InvalidFileNameException naming {@code fileName} if it is not such a name
   */
  public static SdistFileName parse(String fileName) {
    Objects.requireNonNull(fileName, "fileName is null");
    String extension =
        fileName.endsWith(".tar.gz") ? ".tar.gz" : fileName.endsWith(".zip") ? ".zip" : null;
    if (extension == null) {
      throw new InvalidFileNameException(fileName, "the extension must be .tar.gz or .zip");
    }
    String stem = fileName.substring(0, fileName.length() - extension.length());
    int dash = stem.lastIndexOf('-');
    if (dash < 0) {
      throw new InvalidFileNameException(fileName, "no dash between name and version");
    }
    String name = stem.substring(0, dash);
    return new SdistFileName(
        new ProjectName(name, ProjectName.normalize(name)),
        version(fileName, stem.substring(dash + 1)),
        extension);
  }

  /**
   * Reads an sdist name of a known project the way pip's finder does: any archive extension of
   * {@link #EXTENSIONS}, the version after the first dash whose prefix normalizes to the project
   * (pip's {@code _extract_version_from_fragment}).
   *
   * @throws InvalidFileNameException naming {@code fileName} if it is not an sdist of {@code
   *     project}
   */
  public static SdistFileName parse(String fileName, ProjectName project) {
    Objects.requireNonNull(fileName, "fileName is null");
    Objects.requireNonNull(project, "project is null");
    String extension = extension(fileName);
    if (extension == null) {
      throw new InvalidFileNameException(fileName, "not a source archive extension");
    }
    String stem = fileName.substring(0, fileName.length() - extension.length());
    for (int i = 0; i < stem.length(); i++) {
      if (stem.charAt(i) == '-'
          && ProjectName.normalize(stem.substring(0, i)).equals(project.normalized())) {
        String version = stem.substring(i + 1);
        if (version.isEmpty()) {
          break;
        }
        String name = stem.substring(0, i);
        return new SdistFileName(
            new ProjectName(name, ProjectName.normalize(name)),
            version(fileName, version),
            extension);
      }
    }
    throw new InvalidFileNameException(fileName, "not a file of project " + project.normalized());
  }

  /**
   * Reads a legacy sdist name whose project is not known, such as a file in a directory of
   * downloads: the name ends at the first dash whose prefix is a valid project name and after which
   * a valid version follows, so {@code foo-1.0-2.tar.gz} is project {@code foo} version {@code
   * 1.0.post2} and {@code python-dateutil-2.8.2.tar.gz} is {@code python-dateutil} {@code 2.8.2}.
   * {@link #parse(String, ProjectName)} for the project found here reads the same version, so a pin
   * {@code name==version} made from the result is one that pip's finder satisfies with this file.
   * Any extension of {@link #EXTENSIONS}.
   *
   * @throws InvalidFileNameException naming {@code fileName} if no dash splits it that way
   */
  public static SdistFileName parseUnknownProject(String fileName) {
    Objects.requireNonNull(fileName, "fileName is null");
    String extension = extension(fileName);
    if (extension == null) {
      throw new InvalidFileNameException(fileName, "not a source archive extension");
    }
    String stem = fileName.substring(0, fileName.length() - extension.length());
    for (int dash = stem.indexOf('-'); dash >= 0; dash = stem.indexOf('-', dash + 1)) {
      String name = stem.substring(0, dash);
      String version = stem.substring(dash + 1);
      if (ProjectName.isValid(name) && Version.isValid(version)) {
        return new SdistFileName(ProjectName.of(name), Version.parse(version), extension);
      }
    }
    throw new InvalidFileNameException(fileName, "no dash is followed by a valid version");
  }

  /**
   * The extension as pip's {@code splitext} takes it (the last dot's suffix, with a {@code .tar}
   * before it), if it is a source archive extension (case matters, as in pip), else null.
   */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    int leadingDots = 0;
    while (leadingDots < fileName.length() && fileName.charAt(leadingDots) == '.') {
      leadingDots++;
    }
    if (dot < leadingDots) {
      return null;
    }
    String base = fileName.substring(0, dot);
    String ext = fileName.substring(dot);
    if (base.toLowerCase(Locale.ROOT).endsWith(".tar")) {
      ext = base.substring(base.length() - 4) + ext;
    }
    return EXTENSIONS.contains(ext) ? ext : null;
  }

  private static Version version(String fileName, String version) {
    try {
      return Version.parse(version);
    } catch (InvalidVersionException e) {
      throw new InvalidFileNameException(fileName, e.getMessage());
    }
  }

  /** {@code name-version} and the extension, the name as written in the file name. */
  @Override
  public String toString() {
    return name.name() + "-" + version + extension;
  }
}
