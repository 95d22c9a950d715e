package dev.mkwheels.python.filename;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.tags.Tag;
import dev.mkwheels.python.version.InvalidVersionException;
import dev.mkwheels.python.version.Version;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wheel file name (PEP 427, PEP 491): {@code name-version[-build]-python-abi-platform.whl}, the
 * tag part possibly compressed ({@code py2.py3-none-any}). Parsed as {@code
 * packaging.utils.parse_wheel_filename} parses it.
 *
 * @param name the project name, normalized
 * @param version the version
 * @param build the build tag, if any
 * @param tags the expanded tags, sorted
 */
public record WheelFileName(
    ProjectName name, Version version, Optional<BuildTag> build, SortedSet<Tag> tags) {
  private static final Pattern NAME = Pattern.compile("^[\\w.]*$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern BUILD =
      Pattern.compile("^(\\d+)(.*)$", Pattern.UNICODE_CHARACTER_CLASS | Pattern.DOTALL);

  public WheelFileName {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(build, "build is null");
    tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
  }

  /**
   * Parses a wheel file name (the last path segment only).
   *
   * @throws InvalidFileNameException naming {@code fileName} if it is not a wheel name
   */
  public static WheelFileName parse(String fileName) {
    Objects.requireNonNull(fileName, "fileName is null");
    if (!fileName.endsWith(".whl")) {
      throw new InvalidFileNameException(fileName, "the extension must be .whl");
    }
    String stem = fileName.substring(0, fileName.length() - 4);
    int dashes = (int) stem.chars().filter(c -> c == '-').count();
    if (dashes != 4 && dashes != 5) {
      throw new InvalidFileNameException(fileName, "wrong number of parts");
    }
    String[] parts = stem.split("-", dashes - 1);
    String namePart = parts[0];
    if (namePart.contains("__") || !NAME.matcher(namePart).matches()) {
      throw new InvalidFileNameException(fileName, "invalid project name");
    }
    Version version;
    try {
      version = Version.parse(parts[1]);
    } catch (InvalidVersionException e) {
      throw new InvalidFileNameException(fileName, e.getMessage());
    }
    Optional<BuildTag> build = Optional.empty();
    if (dashes == 5) {
      Matcher m = BUILD.matcher(parts[2]);
      if (!m.matches()) {
        throw new InvalidFileNameException(fileName, "invalid build number " + parts[2]);
      }
      build = Optional.of(new BuildTag(digits(m.group(1)), m.group(2)));
    }
    return new WheelFileName(
        new ProjectName(namePart, ProjectName.normalize(namePart)),
        version,
        build,
        new TreeSet<>(Tag.parse(parts[parts.length - 1])));
  }

  private static BigInteger digits(String unicodeDigits) {
    StringBuilder ascii = new StringBuilder();
    unicodeDigits.codePoints().forEach(c -> ascii.append(Character.digit(c, 10)));
    return new BigInteger(ascii.toString());
  }
}
