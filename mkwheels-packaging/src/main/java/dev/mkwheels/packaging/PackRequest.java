package dev.mkwheels.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to pack.
 *
 * @param distributions the directory of wheels and sdists
 * @param name the package name; {@code <name>-wheels-<version>.tar.gz} has its PEP 503 normalized
 *     form
 * @param version the normalized version
 * @param epoch SOURCE_DATE_EPOCH: the mtime of every entry
 * @param outputDirectory where the tarball goes
 * @param notes extra header comment lines for requirements.txt (for example git commits)
 * @param origins by file name, where a file came from (index, upload time) when known; recorded in
 *     pylock.toml; files not in it have {@link FileOrigin#UNKNOWN}
 */
public record PackRequest(
    Path distributions,
    String name,
    String version,
    long epoch,
    Path outputDirectory,
    List<String> notes,
    Map<String, FileOrigin> origins) {
  public PackRequest {
    notes = List.copyOf(notes);
    origins = Map.copyOf(origins);
  }

  /** A request with no file origins known. */
  public PackRequest(
      Path distributions,
      String name,
      String version,
      long epoch,
      Path outputDirectory,
      List<String> notes) {
    this(distributions, name, version, epoch, outputDirectory, notes, Map.of());
  }
}
