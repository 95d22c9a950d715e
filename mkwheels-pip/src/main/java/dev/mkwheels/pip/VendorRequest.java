package dev.mkwheels.pip;

import dev.mkwheels.api.InstallTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link TreeVendor} fills a directory with.
 *
 * @param target the requirement, or the source tree whose dependencies (not itself) are vendored
 * @param directory where the distributions go; created when missing
 * @param index the user's index options
 * @param platform the target machine (the interpreter's own, or another)
 * @param uploadedPriorTo only files uploaded at or before this second (the epoch), where pip can
 *     ({@link PipVersion#supportsUploadedPriorTo()}) and the index gives upload times
 * @param wheelsOnly build every sdist into a wheel instead of vendoring its build backend
 * @param buildEnvironment extra environment while pip builds metadata (sorted copy)
 * @param epoch SOURCE_DATE_EPOCH: set for every pip run (so for every build backend), and the time
 *     of every file in the archives mkwheels writes (git dependencies, wheels built from sdists)
 * @param noBuild wheels only, no build code run: pip gets {@code --only-binary=:all:}, git may not
 *     clone, and an sdist or a git dependency in the tree is refused, naming it
 */
public record VendorRequest(
    InstallTarget target,
    Path directory,
    PipOptions index,
    TargetOptions platform,
    Optional<Instant> uploadedPriorTo,
    boolean wheelsOnly,
    Map<String, String> buildEnvironment,
    long epoch,
    boolean noBuild) {

  public VendorRequest {
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(directory, "directory is null");
    Objects.requireNonNull(index, "index is null");
    Objects.requireNonNull(platform, "platform is null");
    Objects.requireNonNull(uploadedPriorTo, "uploadedPriorTo is null");
    buildEnvironment = Map.copyOf(new TreeMap<>(buildEnvironment));
  }

  /** A request that may build (no {@code --no-build}). */
  public VendorRequest(
      InstallTarget target,
      Path directory,
      PipOptions index,
      TargetOptions platform,
      Optional<Instant> uploadedPriorTo,
      boolean wheelsOnly,
      Map<String, String> buildEnvironment,
      long epoch) {
    this(
        target,
        directory,
        index,
        platform,
        uploadedPriorTo,
        wheelsOnly,
        buildEnvironment,
        epoch,
        false);
  }
}
