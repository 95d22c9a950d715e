package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import java.util.List;

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
 */
public record Pylock(
    String name, String version, long epoch, int format, List<String> notes, List<File> files) {
  public Pylock {
    requireNonNull(name, "name is null");
    requireNonNull(version, "version is null");
    notes = List.copyOf(notes);
    files = List.copyOf(files);
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
   */
  public record File(
      String project,
      String version,
      String fileName,
      String sha256,
      long size,
      String index,
      String url,
      String uploadTime) {
    public File {
      requireNonNull(project, "project is null");
      requireNonNull(version, "version is null");
      requireNonNull(fileName, "fileName is null");
      requireNonNull(sha256, "sha256 is null");
      requireNonNull(index, "index is null");
      requireNonNull(url, "url is null");
      requireNonNull(uploadTime, "uploadTime is null");
    }
  }
}
