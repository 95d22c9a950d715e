package dev.mkwheels.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A source archive the host fetched and unpacked: the project root and what pip needs to build it.
 * Hand its parts to {@link ResolvedSource#builder} ({@code new
 * InstallTarget.SourceTree(directory)}, {@code buildEnvironment}, {@code notes}). Immutable.
 *
 * @param directory the project root (it holds {@code pyproject.toml} or {@code setup.py}), inside
 *     the context's work directory
 * @param buildEnvironment the version told to the tree's version plugins (setuptools-scm,
 *     hatch-vcs, poetry-dynamic-versioning, pdm, versioningit), since an archive has no {@code
 *     .git}
 * @param notes lines for the summary: where the source came from, which variables told the version
 */
public record UnpackedSource(
    Path directory, SortedMap<String, String> buildEnvironment, List<String> notes) {
  public UnpackedSource {
    Objects.requireNonNull(directory, "directory is null");
    buildEnvironment = Collections.unmodifiableSortedMap(new TreeMap<>(buildEnvironment));
    notes = List.copyOf(notes);
  }

  /** The build environment as a plain map, sorted by name. */
  public Map<String, String> environment() {
    return buildEnvironment;
  }
}
