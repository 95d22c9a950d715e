package dev.mkwheels.python.index;

import dev.mkwheels.python.filename.InvalidFileNameException;
import dev.mkwheels.python.filename.SdistFileName;
import dev.mkwheels.python.filename.WheelFileName;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One file an index page or a find-links location lists, as the page gives it. Immutable.
 *
 * @param fileName the file's name: the last segment of its URL, percent-decoded
 * @param url where to get it: absolute, without fragment (and with the page's user info, if any)
 * @param hashes digests the page gives, algorithm ({@code sha256}) to lower-case hex, sorted
 * @param requiresPython the {@code Requires-Python} the page gives ({@code data-requires-python},
 *     HTML-unescaped), if any
 * @param yanked whether the file is yanked (PEP 592)
 * @param yankedReason the reason given for yanking, if one was
 * @param metadata the PEP 658 core metadata file, when the page says it has one
 * @param uploadTime the PEP 700 upload time (JSON pages only)
 * @param size the PEP 700 size in bytes (JSON pages only)
 */
public record IndexFile(
    String fileName,
    URI url,
    Map<String, String> hashes,
    Optional<String> requiresPython,
    boolean yanked,
    Optional<String> yankedReason,
    Optional<MetadataFile> metadata,
    Optional<Instant> uploadTime,
    OptionalLong size) {

  public IndexFile {
    Objects.requireNonNull(fileName, "fileName is null");
    Objects.requireNonNull(url, "url is null");
    hashes = Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    Objects.requireNonNull(requiresPython, "requiresPython is null");
    Objects.requireNonNull(yankedReason, "yankedReason is null");
    Objects.requireNonNull(metadata, "metadata is null");
    Objects.requireNonNull(uploadTime, "uploadTime is null");
    Objects.requireNonNull(size, "size is null");
  }

  /**
   * From the name and URL alone, which files equal in all fields share. Written out because a
   * record's hash is linked through an invokedynamic bootstrap on first use, which a resolution's
   * first seconds pay for every record its caches key by; {@code equals} stays the record's.
   */
  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + url.hashCode();
  }

  /**
   * A file known by its name and URL alone: no hashes, no {@code Requires-Python}, not yanked, no
   * metadata file, upload time or size (a file in a find-links folder, a direct URL).
   */
  public static IndexFile of(String fileName, URI url) {
    return of(fileName, url, Map.of());
  }

  /**
   * A file known by its name, URL and the digests given for it alone; see {@link #of(String, URI)}.
   */
  public static IndexFile of(String fileName, URI url, Map<String, String> hashes) {
    return new IndexFile(
        fileName,
        url,
        hashes,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty());
  }

  /**
   * The PEP 658 {@code .metadata} file beside a distribution.
   *
   * @param url the distribution's URL with {@code .metadata} appended
   * @param hashes the digests the page gives for it, possibly none
   */
  public record MetadataFile(URI url, Map<String, String> hashes) {
    public MetadataFile {
      Objects.requireNonNull(url, "url is null");
      hashes = Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    }
  }

  /** The SHA-256 the page gives, lower-case hex. */
  public Optional<String> sha256() {
    return Optional.ofNullable(hashes.get("sha256"));
  }

  /** Whether the file name is a wheel's. */
  public boolean isWheel() {
    return fileName.endsWith(".whl");
  }

  /**
   * The version of {@code project} this file is, read as pip's finder reads a page of that project:
   * a wheel whose name normalizes to the project, or an sdist whose name starts with the project's
   * (so {@code foo-1.0-2.tar.gz} is {@code 1.0.post2} of {@code foo}). Empty for a file of another
   * project, or whose name is not a distribution's.
   */
  public Optional<Version> version(ProjectName project) {
    Objects.requireNonNull(project, "project is null");
    try {
      if (isWheel()) {
        WheelFileName wheel = WheelFileName.parse(fileName);
        return wheel.name().equals(project) ? Optional.of(wheel.version()) : Optional.empty();
      }
      return Optional.of(SdistFileName.parse(fileName, project).version());
    } catch (InvalidFileNameException e) {
      return Optional.empty();
    }
  }
}
