package dev.mkwheels.ci;

import dev.mkwheels.python.filename.InvalidFileNameException;
import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.name.ProjectName;
import java.util.Locale;
import java.util.Optional;

/**
 * The pin a distribution's file name carries, read by mkwheels-python's {@link WheelFileName} and
 * {@link SdistFileName}; this class only turns their answer into a {@link Pin}. Where the project
 * is known (an index page of it, a lock entry), {@link #parse(String, String)} reads a legacy sdist
 * name the way pip's finder does, so that {@code foo-1.0-2.tar.gz} is {@code foo 1.0.post2} here as
 * it is for pip.
 */
final class DistributionFileName {
  private DistributionFileName() {}

  /** Whether the name ends like a wheel or a source archive pip accepts. */
  static boolean isDistribution(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return isWheel(fileName) || SdistFileName.EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  static boolean isWheel(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".whl");
  }

  /**
   * The pin of a file whose project is not known: a wheel, or a PEP 625 sdist ({@code .tar.gz} or
   * {@code .zip}, the version after the last dash, as {@code packaging} reads it); empty for any
   * other name.
   */
  static Optional<Pin> parse(String fileName) {
    try {
      if (fileName.endsWith(".whl")) {
        WheelFileName wheel = WheelFileName.parse(fileName);
        return Optional.of(new Pin(wheel.name().normalized(), wheel.version().toString()));
      }
      SdistFileName sdist = SdistFileName.parse(fileName);
      return Optional.of(new Pin(sdist.name().normalized(), sdist.version().toString()));
    } catch (InvalidFileNameException e) {
      return Optional.empty();
    }
  }

  /**
   * The pin of a file of {@code project}: a wheel of that project, or an sdist of it in any archive
   * form pip accepts, the version after the first dash whose prefix is the project; empty for a
   * file of another project or no distribution.
   */
  static Optional<Pin> parse(String fileName, String project) {
    ProjectName wanted = new ProjectName(project, ProjectName.normalize(project));
    try {
      if (fileName.endsWith(".whl")) {
        WheelFileName wheel = WheelFileName.parse(fileName);
        return wheel.name().normalized().equals(wanted.normalized())
            ? Optional.of(new Pin(wheel.name().normalized(), wheel.version().toString()))
            : Optional.empty();
      }
      SdistFileName sdist = SdistFileName.parse(fileName, wanted);
      return Optional.of(new Pin(wanted.normalized(), sdist.version().toString()));
    } catch (InvalidFileNameException e) {
      return Optional.empty();
    }
  }
}
