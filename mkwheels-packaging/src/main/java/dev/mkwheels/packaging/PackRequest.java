package dev.mkwheels.packaging;

import java.nio.file.Path;
import java.util.List;

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
 */
public record PackRequest(
    Path distributions,
    String name,
    String version,
    long epoch,
    Path outputDirectory,
    List<String> notes) {
  public PackRequest {
    notes = List.copyOf(notes);
  }
}
