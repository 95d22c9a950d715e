package dev.mkwheels.pip;

import dev.mkwheels.api.Console;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.resolver.FormatControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What pip's own configuration asks of a resolution besides its indexes ({@link PipIndexes}): the
 * constraints files of its {@code constraint} setting ({@code PIP_CONSTRAINT}, or {@code constraint
 * = FILE} in a configuration file), its {@code pre} setting ({@code PIP_PRE}) and which kinds of
 * file it takes ({@code no-binary}, {@code only-binary}), read for one command's section as pip
 * reads them. {@code pip download} obeys them, so mkwheels' resolver applies them too. Immutable.
 *
 * @param constraintFiles the files, as configured (a relative one is from the working directory, as
 *     for pip)
 * @param pre whether pre-releases count
 * @param noBinary the {@code no-binary} setting as written, empty when unset
 * @param onlyBinary the {@code only-binary} setting as written, empty when unset
 * @param preferBinary whether a version with a wheel is preferred to a newer one without
 */
public record PipSettings(
    List<Path> constraintFiles,
    boolean pre,
    String noBinary,
    String onlyBinary,
    boolean preferBinary) {
  /** No constraints, no pre-releases, both kinds of file: a configuration that sets none. */
  public static final PipSettings NONE = new PipSettings(List.of(), false, "", "", false);

  public PipSettings {
    constraintFiles = List.copyOf(constraintFiles);
    Objects.requireNonNull(noBinary, "noBinary is null");
    Objects.requireNonNull(onlyBinary, "onlyBinary is null");
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
    return new PipSettings(
        files,
        flag(config, section, "pre"),
        PipIndexes.setting(config, section, "no-binary"),
        PipIndexes.setting(config, section, "only-binary"),
        flag(config, section, "prefer-binary"));
  }

  private static boolean flag(Map<String, String> config, String section, String key) {
    return PipIndexes.TRUE.contains(
        PipIndexes.setting(config, section, key).toLowerCase(Locale.ROOT));
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

  /**
   * Which kinds of file each project may take.
   *
   * @throws PipException one line naming the setting pip would refuse
   */
  public FormatControl formats() throws PipException {
    try {
      return FormatControl.of(noBinary, onlyBinary);
    } catch (IllegalArgumentException e) {
      throw new PipException("pip's configuration: " + e.getMessage(), e);
    }
  }

  /** Says on {@code console} what pip's configuration sets, when it sets any of this. */
  public void announce(Console console) {
    String set = describe();
    if (!set.isEmpty()) {
      console.progress("from pip's configuration: " + set);
    }
  }

  /** One line for the console: what is set, or empty when nothing is. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!constraintFiles.isEmpty()) {
      parts.add(
          "constraints from "
              + String.join(", ", constraintFiles.stream().map(Path::toString).toList()));
    }
    if (pre) {
      parts.add("pre-releases");
    }
    if (!noBinary.isEmpty()) {
      parts.add("no-binary " + noBinary);
    }
    if (!onlyBinary.isEmpty()) {
      parts.add("only-binary " + onlyBinary);
    }
    if (preferBinary) {
      parts.add("prefer-binary");
    }
    return String.join("; ", parts);
  }
}
