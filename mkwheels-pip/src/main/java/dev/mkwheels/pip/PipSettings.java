package dev.mkwheels.pip;

import dev.mkwheels.python.requirement.Requirement;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pip's own configuration asks of a resolution besides its indexes ({@link PipIndexes}): the
 * constraints files of its {@code constraint} setting ({@code PIP_CONSTRAINT}, or {@code constraint
 * = FILE} in a configuration file) and its {@code pre} setting ({@code PIP_PRE}), read for one
 * command's section as pip reads them. {@code pip download} obeys them, so mkwheels' resolver
 * applies them too. Immutable.
 *
 * @param constraintFiles the files, as configured (a relative one is from the working directory, as
 *     for pip)
 * @param pre whether pre-releases count
 */
public record PipSettings(List<Path> constraintFiles, boolean pre) {
  /** No constraints, no pre-releases: a configuration that sets neither. */
  public static final PipSettings NONE = new PipSettings(List.of(), false);

  public PipSettings {
    constraintFiles = List.copyOf(constraintFiles);
  }

  /**
   * The settings in {@code config} ({@link PipIndexes#parse}'s map) for {@code section}'s command,
   * for example {@code download}.
   */
  public static PipSettings of(Map<String, String> config, String section) {
    List<Path> files =
        PipIndexes.words(PipIndexes.setting(config, section, "constraint")).stream()
            .map(Path::of)
            .toList();
    String pre = PipIndexes.setting(config, section, "pre").toLowerCase(Locale.ROOT);
    return new PipSettings(files, PipIndexes.TRUE.contains(pre));
  }

  /**
   * The constraints in {@link #constraintFiles} and what they include; none without files.
   *
   * @throws PipException one line naming pip's {@code constraint} setting and the file (and line)
   *     that cannot be read, as pip would refuse it
   */
  public List<Requirement> constraints() throws PipException {
    if (constraintFiles.isEmpty()) {
      return List.of();
    }
    try {
      return RequirementFiles.constraints(constraintFiles).constraints();
    } catch (PipException e) {
      throw new PipException("pip's configuration (constraint): " + e.getMessage(), e);
    }
  }

  /** One line for the console: the constraints files and pre-releases, or empty for neither. */
  public String describe() {
    StringBuilder line = new StringBuilder();
    if (!constraintFiles.isEmpty()) {
      line.append("constraints from ")
          .append(String.join(", ", constraintFiles.stream().map(Path::toString).toList()));
    }
    if (pre) {
      line.append(line.length() == 0 ? "" : "; ").append("pre-releases");
    }
    return line.toString();
  }
}
