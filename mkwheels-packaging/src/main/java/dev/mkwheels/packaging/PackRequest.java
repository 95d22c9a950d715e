package dev.mkwheels.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * @param markers by file name, the PEP 508 environment marker of the targets the file is for (a
 *     tree resolved for several targets); requirements.txt puts a version's markers, joined with
 *     {@code or}, on its pin line, so that pip installs on each target only what that target's tree
 *     pins. A version with any file not in it is pinned without a marker, as when it is empty.
 * @param environments the PEP 508 environment marker of each target the tree was resolved for, when
 *     it was resolved for several; pylock.toml lists them (sorted, once each) as its top-level
 *     {@code environments}, so an installer refuses the lock on a machine that is none of them.
 *     Empty for one target: the lock then has no {@code environments}.
 */
public record PackRequest(
    Path distributions,
    String name,
    String version,
    long epoch,
    Path outputDirectory,
    List<String> notes,
    Map<String, FileOrigin> origins,
    Map<String, String> markers,
    List<String> environments) {
  public PackRequest {
    notes = List.copyOf(notes);
    origins = Map.copyOf(origins);
    markers = Map.copyOf(markers);
    environments = List.copyOf(new TreeSet<>(environments));
  }

  /** A request with no {@code environments}: a tree for one target, or files with markers only. */
  public PackRequest(
      Path distributions,
      String name,
      String version,
      long epoch,
      Path outputDirectory,
      List<String> notes,
      Map<String, FileOrigin> origins,
      Map<String, String> markers) {
    this(distributions, name, version, epoch, outputDirectory, notes, origins, markers, List.of());
  }

  /** A request for one target: no file has a marker. */
  public PackRequest(
      Path distributions,
      String name,
      String version,
      long epoch,
      Path outputDirectory,
      List<String> notes,
      Map<String, FileOrigin> origins) {
    this(distributions, name, version, epoch, outputDirectory, notes, origins, Map.of());
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
