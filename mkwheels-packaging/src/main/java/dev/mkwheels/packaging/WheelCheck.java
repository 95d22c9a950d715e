package dev.mkwheels.packaging;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.python.metadata.CoreMetadata;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A wheel is what its file name says and unpacks only where it should: every member's path is
 * relative and plain (no {@code ..}, no backslash, no drive, no control character, no repeat), it
 * holds one {@code .dist-info} directory, and that directory's name and its METADATA's {@code Name}
 * and {@code Version} agree with the file name (names PEP 503 normalized, versions PEP 440
 * canonical). A zip sdist's member paths are checked the same way. Reads the central directory and
 * METADATA only.
 */
final class WheelCheck {
  /** METADATA holds the long description; a few MB is already extreme. */
  static final int MAX_METADATA = 16 << 20;

  private WheelCheck() {}

  /**
   * What the check read, for the stored ranges and the SBOM to reuse rather than read again.
   *
   * @param directory the zip's central directory; no entries, at offset 0, for a {@code .tar.gz}
   *     sdist
   * @param metadata a wheel's METADATA, parsed, else empty
   */
  record Checked(ZipEntries.Directory directory, Optional<CoreMetadata> metadata) {
    /** The zip's members in directory order; empty for a {@code .tar.gz} sdist. */
    List<ZipEntries.Entry> entries() {
      return directory.entries();
    }
  }

  /** A {@code .tar.gz} sdist: nothing to check here. */
  static Checked notZip() {
    return new Checked(new ZipEntries.Directory(0, List.of()), Optional.empty());
  }

  /**
   * Checks a wheel or zip sdist whose central directory lies at {@code location} (as {@link
   * ZipLayout#directory} gives it), reading the directory and METADATA once.
   */
  static Checked check(Wheelhouse.Member member, FileChannel in, long[] location)
      throws MkwheelsException {
    DistributionFile.Kind kind = member.file().kind();
    try {
      ZipEntries.Directory directory = ZipEntries.directory(in, location);
      Set<String> names = new HashSet<>(2 * directory.entries().size());
      Set<String> distInfos = new TreeSet<>();
      for (ZipEntries.Entry entry : directory.entries()) {
        String name = entry.name();
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
          throw refuse(member, "member '" + name + "' " + problem.get());
        }
        if (!names.add(name)) {
          throw refuse(member, "member '" + name + "' appears twice");
        }
        int slash = name.indexOf('/');
        if (slash > 0 && name.substring(0, slash).endsWith(".dist-info")) {
          distInfos.add(name.substring(0, slash));
        }
      }
      return new Checked(
          directory,
          kind == DistributionFile.Kind.WHEEL
              ? Optional.of(checkMetadata(member, in, directory.entries(), distInfos))
              : Optional.empty());
    } catch (ZipEntries.DamagedException e) {
      throw refuse(member, e.getMessage());
    } catch (IOException e) {
      throw new MkwheelsException(
          "cannot read " + member.path() + ": " + IoMessages.describe(e), e);
    }
  }

  private static CoreMetadata checkMetadata(
      Wheelhouse.Member member,
      FileChannel in,
      List<ZipEntries.Entry> entries,
      Set<String> distInfos)
      throws IOException, MkwheelsException {
    if (distInfos.size() != 1) {
      throw refuse(
          member,
          distInfos.isEmpty()
              ? "it holds no .dist-info directory, so it is not a wheel"
              : "it holds "
                  + distInfos.size()
                  + " .dist-info directories: "
                  + String.join(", ", distInfos));
    }
    String distInfo = distInfos.iterator().next();
    String stem = distInfo.substring(0, distInfo.length() - ".dist-info".length());
    int hyphen = stem.indexOf('-');
    if (hyphen < 0 || !agrees(member, stem.substring(0, hyphen), stem.substring(hyphen + 1))) {
      throw refuse(member, "its directory " + distInfo + " does not match its file name");
    }
    String path = distInfo + "/METADATA";
    ZipEntries.Entry metadata =
        entries.stream()
            .filter(e -> e.name().equals(path))
            .findFirst()
            .orElseThrow(() -> refuse(member, "it holds no " + path));
    // Only the headers are decoded and parsed; the whole member is inflated and its CRC-32 checked.
    byte[] bytes = ZipEntries.content(in, member.size(), metadata, MAX_METADATA);
    CoreMetadata core =
        CoreMetadata.parse(new String(bytes, 0, headerBlock(bytes), StandardCharsets.UTF_8));
    String name =
        core.name()
            .map(String::strip)
            .orElseThrow(() -> refuse(member, "its METADATA has no Name"));
    String version =
        core.version()
            .map(String::strip)
            .orElseThrow(() -> refuse(member, "its METADATA has no Version"));
    if (!ProjectName.normalize(name).equals(member.file().project())) {
      throw refuse(
          member,
          "its METADATA says Name: "
              + name
              + ", but its file name says "
              + member.file().project());
    }
    if (!sameVersion(version, member)) {
      throw refuse(
          member,
          "its METADATA says Version: "
              + version
              + ", but its file name says "
              + member.file().version());
    }
    return core;
  }

  /**
   * How many of METADATA's {@code bytes} come up to and with its first empty line, which ends the
   * headers whatever comes before it (lines end at CR, LF or CRLF, as {@link CoreMetadata#parse}
   * reads them): the headers parse the same without the long description after it, which the checks
   * and the SBOM never read. In UTF-8 no byte of a multi-byte character is a CR or LF, so the bytes
   * before the cut decode as the same characters they are in the whole text.
   */
  static int headerBlock(byte[] bytes) {
    int length = bytes.length;
    int lineStart = 0;
    for (int i = 0; i < length; i++) {
      byte c = bytes[i];
      if (c == '\n' || c == '\r') {
        int end = c == '\r' && i + 1 < length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
        if (i == lineStart) {
          return end;
        }
        lineStart = end;
        i = end - 1;
      }
    }
    return length;
  }

  private static boolean agrees(Wheelhouse.Member member, String name, String version) {
    return ProjectName.normalize(name).equals(member.file().project())
        && sameVersion(version, member);
  }

  /** PEP 440 equality: {@code 1.0} is {@code 1.0.0}, {@code 1.0-RC1} is {@code 1.0rc1}. */
  private static boolean sameVersion(String version, Wheelhouse.Member member) {
    return Version.isValid(version) && Version.parse(version).equals(member.file().parsedVersion());
  }

  /** Why a member's name is unsafe to unpack, or empty when it is a plain relative path. */
  static Optional<String> problem(String name) {
    int length = name.length();
    if (length == 0) {
      return Optional.of("has an empty name");
    }
    if (name.charAt(0) == '/' || length >= 2 && name.charAt(1) == ':') {
      return Optional.of("is an absolute path");
    }
    // One pass, for speed: a wheel may hold tens of thousands of members.
    int end = name.charAt(length - 1) == '/' ? length - 1 : length; // a directory's trailing slash
    int segmentStart = 0;
    for (int i = 0; i <= end; i++) {
      char c = i < end ? name.charAt(i) : '/';
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("has a control character in its name");
      }
      if (c == '\\') {
        return Optional.of("has a backslash in its name");
      }
      if (c == '/') {
        int segment = i - segmentStart;
        boolean dots = segment >= 1 && name.charAt(segmentStart) == '.';
        if (segment == 2 && dots && name.charAt(segmentStart + 1) == '.') {
          return Optional.of("climbs out of the install directory with '..'");
        }
        if (segment == 0 || segment == 1 && dots) {
          return Optional.of("has an empty or '.' path segment");
        }
        segmentStart = i + 1;
      }
    }
    return Optional.empty();
  }

  private static MkwheelsException refuse(Wheelhouse.Member member, String why) {
    return new MkwheelsException("cannot pack " + member.path() + ": " + printable(why));
  }

  /** Text as a terminal may show it: control characters escaped, at most 300 characters. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(300)
        .forEach(
            c -> {
              if (c < 0x20 || c >= 0x7f && c < 0xa0) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return text.codePointCount(0, text.length()) > 300 ? out + "..." : out.toString();
  }
}
