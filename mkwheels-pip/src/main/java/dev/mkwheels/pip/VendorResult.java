package dev.mkwheels.pip;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link TreeVendor} put in the directory.
 *
 * @param files every distribution, sorted by file name
 * @param buildBackends how many of them were added only to build the tree's sdists offline
 * @param builtWheels the wheels pip built from sdists ({@code --wheels-only}); no index hash exists
 *     for them
 * @param uploadFilter how upload times limited resolution, one line for the summary
 * @param indexes the indexes pip said it looked in (credentials masked by pip), or empty when it
 *     used its default
 * @param pip the pip that ran
 * @param gitArchives the git dependencies, rewritten as reproducible archives, sorted by file name
 * @param gitCheck how the git archives were checked to build offline, one line for the summary;
 *     empty when there are none
 */
public record VendorResult(
    List<Path> files,
    int buildBackends,
    List<String> builtWheels,
    String uploadFilter,
    Optional<String> indexes,
    PipVersion pip,
    List<GitArchive> gitArchives,
    String gitCheck) {

  public VendorResult {
    files = List.copyOf(files);
    builtWheels = List.copyOf(builtWheels);
    gitArchives = List.copyOf(gitArchives);
  }
}
