package dev.mkwheels.ci;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import dev.mkwheels.resolver.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mkwheels wheelhouse} was asked.
 *
 * @param lock the hashed lock ({@code --lock})
 * @param wheelDir where the files go ({@code --wheel-dir}); created, or replaced when it holds only
 *     distributions
 * @param index pip's index options
 * @param target the {@code --download-platform/-python-version/-implementation/-abi} target, or
 *     {@link TargetOptions#HOST}
 * @param onlyBinary {@code --download-only-binary}: wheels only, even for the host
 * @param epoch SOURCE_DATE_EPOCH of every pip run (so of every build backend), and the time of
 *     every member of the wheels built from sdists
 * @param targets each {@code --target}: their wheels are picked natively, with no pip download;
 *     empty for the one machine of {@code target}
 */
public record WheelhouseRequest(
    Path lock,
    Path wheelDir,
    PipOptions index,
    TargetOptions target,
    boolean onlyBinary,
    long epoch,
    List<Target> targets) {
  /**
   * The epoch when the user fixes none: 1980-01-01T00:00:00Z, the earliest time a zip can hold, so
   * that wheels built from sdists are the same bytes on every run.
   */
  public static final long DEFAULT_EPOCH = 315_532_800L;

  /** For the one machine of {@code target}, downloaded by pip. */
  public WheelhouseRequest(
      Path lock,
      Path wheelDir,
      PipOptions index,
      TargetOptions target,
      boolean onlyBinary,
      long epoch) {
    this(lock, wheelDir, index, target, onlyBinary, epoch, List.of());
  }

  /** With {@link #DEFAULT_EPOCH}. */
  public WheelhouseRequest(
      Path lock, Path wheelDir, PipOptions index, TargetOptions target, boolean onlyBinary) {
    this(lock, wheelDir, index, target, onlyBinary, DEFAULT_EPOCH);
  }

  public WheelhouseRequest {
    Objects.requireNonNull(lock, "lock is null");
    // Normalized so that "." or "dir/" name the directory itself, whose parent holds the staging.
    wheelDir = wheelDir.toAbsolutePath().normalize();
    Objects.requireNonNull(index, "index is null");
    Objects.requireNonNull(target, "target is null");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    targets = List.copyOf(targets);
    if (!targets.isEmpty() && !target.equals(TargetOptions.HOST)) {
      throw new IllegalArgumentException("targets and a pip target are exclusive");
    }
  }

  /**
   * Whether only wheels are taken: another target, each {@code --target}, or {@code
   * --download-only-binary}.
   */
  boolean wheelsOnly() {
    return onlyBinary || target.foreign() || !targets.isEmpty();
  }
}
