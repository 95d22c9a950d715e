package dev.mkwheels.ci;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mkwheels wheelhouse} put in the wheel directory.
 *
 * @param wheelDir the directory
 * @param files every file, sorted by name
 */
public record WheelhouseResult(Path wheelDir, List<File> files) {
  public WheelhouseResult {
    Objects.requireNonNull(wheelDir, "wheelDir is null");
    files = List.copyOf(files);
  }

  /**
   * One file of the wheelhouse.
   *
   * @param name its file name
   * @param sha256 its hash
   * @param builtFrom the sdist it was built from here, or empty for a file the lock lists
   */
  public record File(String name, String sha256, String builtFrom) {
    public File {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(sha256, "sha256 is null");
      Objects.requireNonNull(builtFrom, "builtFrom is null");
    }
  }
}
