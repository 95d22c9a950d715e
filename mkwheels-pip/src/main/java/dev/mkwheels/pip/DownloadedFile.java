package dev.mkwheels.pip;

import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * The project and version the name of a file pip saved carries, as mkwheels-python reads it: a
 * wheel by {@link WheelFileName}, a {@code .tar.gz} or {@code .zip} sdist (whose project is not
 * known here) by {@link SdistFileName#parseUnknownProject}, the reading the packer gives the same
 * files.
 *
 * @param project the project
 * @param version the version
 */
record DownloadedFile(ProjectName project, Version version) {
  DownloadedFile {
    Objects.requireNonNull(project, "project is null");
    Objects.requireNonNull(version, "version is null");
  }

  /** The file's project and version, or empty when it is neither a wheel nor such an sdist. */
  static Optional<DownloadedFile> read(String fileName) {
    try {
      if (fileName.endsWith(".whl")) {
        WheelFileName wheel = WheelFileName.parse(fileName);
        return Optional.of(new DownloadedFile(wheel.name(), wheel.version()));
      }
      if (fileName.endsWith(".tar.gz") || fileName.endsWith(".zip")) {
        SdistFileName sdist = SdistFileName.parseUnknownProject(fileName);
        return Optional.of(new DownloadedFile(sdist.name(), sdist.version()));
      }
    } catch (IllegalArgumentException e) { // InvalidFileNameException, or a tag refused
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** {@code name==version}, the name PEP 503 normalized and the version PEP 440 normalized. */
  String pin() {
    return project.normalized() + "==" + version;
  }
}
