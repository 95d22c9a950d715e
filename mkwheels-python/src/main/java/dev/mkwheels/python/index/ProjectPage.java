package dev.mkwheels.python.index;

import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.version.Version;
import java.util.List;
import java.util.Objects;

/**
 * What an index lists for one project. Immutable.
 *
 * @param project the project asked for
 * @param page the page read, credentials removed (for messages)
 * @param files the files, in page order; empty when the index does not have the project
 * @param versions the PEP 700 {@code versions} of a JSON page, as written; empty for HTML
 */
public record ProjectPage(
    ProjectName project, String page, List<IndexFile> files, List<String> versions) {
  public ProjectPage {
    Objects.requireNonNull(project, "project is null");
    Objects.requireNonNull(page, "page is null");
    files = List.copyOf(files);
    versions = List.copyOf(versions);
  }

  /** The files that are {@code version} of the project ({@link IndexFile#version}). */
  public List<IndexFile> files(Version version) {
    Objects.requireNonNull(version, "version is null");
    return files.stream()
        .filter(f -> f.version(project).filter(version::equals).isPresent())
        .toList();
  }
}
