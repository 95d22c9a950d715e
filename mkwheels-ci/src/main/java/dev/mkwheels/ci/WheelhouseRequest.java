package dev.mkwheels.ci;

import dev.mkwheels.pip.PipOptions;
import dev.mkwheels.pip.TargetOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code mkwheels wheelhouse} was asked.
 *
 * @param lock the hashed lock ({@code --lock})
 * @param wheelDir where the files go ({@code --wheel-dir}); created, or replaced when it holds
 *     only distributions
 * @param index pip's index options
 * @param target the {@code --download-platform/-python-version/-implementation/-abi} target, or
 *     {@link TargetOptions#HOST}
 * @param onlyBinary {@code --download-only-binary}: wheels only, even for the host
 */
public record WheelhouseRequest(
    Path lock, Path wheelDir, PipOptions index, TargetOptions target, boolean onlyBinary) {
  public WheelhouseRequest {
    Objects.requireNonNull(lock, "lock is null");
    // Normalized so that "." or "dir/" name the directory itself, whose parent holds the staging.
    wheelDir = wheelDir.toAbsolutePath().normalize();
    Objects.requireNonNull(index, "index is null");
    Objects.requireNonNull(target, "target is null");
  }

  /** Whether pip may only take wheels: another target, or {@code --download-only-binary}. */
  boolean wheelsOnly() {
    return onlyBinary || target.foreign();
  }
}
