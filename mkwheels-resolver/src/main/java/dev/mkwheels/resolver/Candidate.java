package dev.mkwheels.resolver;

import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of one project that could be installed on one target, with the files that give it.
 * Immutable.
 *
 * @param name the project
 * @param version the version
 * @param files the files of this version the target can use, most preferred first (wheels in the
 *     target's tag order, then the sdist); files uploaded after the cutoff, or whose {@code
 *     Requires-Python} the target does not meet, are not here
 * @param yanked whether every one of {@code files} is yanked (PEP 592): such a candidate is only
 *     chosen by a requirement that pins it with {@code ==} or {@code ===}
 * @param directUrl for a direct reference ({@code name @ git+https://...}, a local tree), where it
 *     comes from; empty for a version from an index
 */
public record Candidate(
    ProjectName name,
    Version version,
    List<IndexFile> files,
    boolean yanked,
    Optional<URI> directUrl) {
  public Candidate {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    files = List.copyOf(files);
    Objects.requireNonNull(directUrl, "directUrl is null");
  }

  /** The file the target installs: the most preferred one. */
  public Optional<IndexFile> preferredFile() {
    return files.stream().findFirst();
  }
}
