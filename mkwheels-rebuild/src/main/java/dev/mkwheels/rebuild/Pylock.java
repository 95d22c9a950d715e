package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@code mkwheels rebuild} needs from a tarball's pylock.toml: the files it locks and how the
 * tarball was packed ({@code [tool.mkwheels]}).
 *
 * @param name the name the tarball was packed under ({@code tool.mkwheels.name})
 * @param version the version the tarball was packed under ({@code tool.mkwheels.version})
 * @param epoch SOURCE_DATE_EPOCH the tarball was packed at ({@code tool.mkwheels.epoch})
 * @param format the tarball format version, when the lock says ({@code tool.mkwheels.format}), else
 *     0
 * @param notes requirements.txt's note lines ({@code tool.mkwheels.notes}), in order
 * @param files every locked file, sorted by file name
 * @param environments the lock's top-level {@code environments} (the markers of the targets a
 *     tarball was packed for, when several), as the lock lists them; empty when it has none
 */
public record Pylock(
    String name,
    String version,
    long epoch,
    int format,
    List<String> notes,
    List<File> files,
    List<String> environments) {
  public Pylock {
    requireNonNull(name, "name is null");
    requireNonNull(version, "version is null");
    notes = List.copyOf(notes);
    files = List.copyOf(files);
    environments = List.copyOf(environments);
  }

  /** A lock with no {@code environments}. */
  public Pylock(
      String name, String version, long epoch, int format, List<String> notes, List<File> files) {
    this(name, version, epoch, format, notes, files, List.of());
  }

  /**
   * One locked file: a wheel or an sdist of a {@code [[packages]]} entry.
   *
   * @param project the package's name as the lock writes it
   * @param version the package's version
   * @param fileName the file's name: a plain file name, checked
   * @param sha256 lower-case hex
   * @param size the size in bytes, or -1 when the lock does not say
   * @param index the package's index URL ({@code packages.index}), or empty
   * @param url where the file was downloaded from ({@code url}), or empty
   * @param uploadTime the index's upload time ({@code upload-time}) as the lock writes it, or empty
   * @param git for a git dependency's archive, the commit mkwheels wrote it from ({@code
   *     [packages.tool.mkwheels.vcs]}); empty for a file from an index
   * @param marker the package's {@code marker} (the targets it is for, in a tarball packed for
   *     several), or empty
   */
  public record File(
      String project,
      String version,
      String fileName,
      String sha256,
      long size,
      String index,
      String url,
      String uploadTime,
      Optional<Git> git,
      Optional<String> marker) {
    public File {
      requireNonNull(git, "git is null");
      requireNonNull(marker, "marker is null");
      requireNonNull(project, "project is null");
      requireNonNull(version, "version is null");
      requireNonNull(fileName, "fileName is null");
      requireNonNull(sha256, "sha256 is null");
      requireNonNull(index, "index is null");
      requireNonNull(url, "url is null");
      requireNonNull(uploadTime, "uploadTime is null");
    }

    /** A file from an index or find-links: no git origin. */
    public File(
        String project,
        String version,
        String fileName,
        String sha256,
        long size,
        String index,
        String url,
        String uploadTime) {
      this(project, version, fileName, sha256, size, index, url, uploadTime, Optional.empty());
    }

    /** A file for every target: no marker. */
    public File(
        String project,
        String version,
        String fileName,
        String sha256,
        long size,
        String index,
        String url,
        String uploadTime,
        Optional<Git> git) {
      this(project, version, fileName, sha256, size, index, url, uploadTime, git, Optional.empty());
    }

    /** This file with {@code marker}. */
    File withMarker(Optional<String> marker) {
      return new File(
          project, version, fileName, sha256, size, index, url, uploadTime, git, marker);
    }
  }

  /**
   * Where a git dependency's archive was written from.
   *
   * @param url the repository, as the lock records it (no credentials)
   * @param commit the full commit id, lower-case hex
   */
  public record Git(String url, String commit) {
    public Git {
      requireNonNull(url, "url is null");
      requireNonNull(commit, "commit is null");
    }
  }
}
