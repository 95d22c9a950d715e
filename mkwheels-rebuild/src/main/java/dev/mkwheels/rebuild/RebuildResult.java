package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a rebuild came to.
 *
 * @param tarball the tarball that was checked
 * @param sha256 its SHA-256, lower-case hex
 * @param files how many locked files were fetched with the lock's bytes
 * @param rebuiltSha256 the rebuilt tarball's SHA-256, or empty when it was not packed (a file was
 *     missing or had other bytes)
 * @param difference the first difference in words, or empty when the rebuild is byte-identical
 */
public record RebuildResult(
    Path tarball,
    String sha256,
    int files,
    Optional<String> rebuiltSha256,
    Optional<String> difference) {
  public RebuildResult {
    requireNonNull(tarball, "tarball is null");
    requireNonNull(sha256, "sha256 is null");
    requireNonNull(rebuiltSha256, "rebuiltSha256 is null");
    requireNonNull(difference, "difference is null");
  }

  /** Whether the rebuild gave the same bytes. */
  public boolean identical() {
    return difference.isEmpty();
  }
}
