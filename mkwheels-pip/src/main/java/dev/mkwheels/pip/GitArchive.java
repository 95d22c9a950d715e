package dev.mkwheels.pip;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A git dependency of the tree ({@code name @ git+URL[@REF]}): pip cloned it and saved the clone as
 * a zip, which mkwheels rewrote as a reproducible zip sdist.
 *
 * @param file the rewritten archive in the distributions directory
 * @param project the PEP 503 name
 * @param version the version its file name and requirements.txt give, which is what it builds as
 *     offline (checked, where pip can, by {@code pip install --dry-run})
 * @param url where it was cloned from, as pip gave it to git, credentials removed
 * @param commit the full SHA of the commit pip checked out
 * @param requested the revision the requirement asked for ({@code @v1.2}), {@code the default
 *     branch} when it named none; empty when pip's output did not say
 * @param versionWithGit the version pip saw while the clone had its {@code .git}, when that differs
 *     from {@code version} (a setup.py that adds the commit when git answers)
 */
public record GitArchive(
    Path file,
    String project,
    String version,
    String url,
    String commit,
    Optional<String> requested,
    Optional<String> versionWithGit) {

  public GitArchive {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(project, "project is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(url, "url is null");
    Objects.requireNonNull(commit, "commit is null");
    Objects.requireNonNull(requested, "requested is null");
    Objects.requireNonNull(versionWithGit, "versionWithGit is null");
  }

  /**
   * One line for requirements.txt and the summary, naming the exact source: {@code git dependency
   * gdep 0.5: git+https://host/gdep.git@<sha> (asked for @v0.5)}.
   */
  public String note() {
    StringBuilder note =
        new StringBuilder("git dependency ")
            .append(project)
            .append(' ')
            .append(version)
            .append(": ")
            .append(source());
    requested.ifPresent(r -> note.append(" (asked for ").append(r).append(')'));
    versionWithGit.ifPresent(
        v ->
            note.append("; pip saw version ")
                .append(v)
                .append(" in the clone, without .git it builds as ")
                .append(version));
    return note.toString();
  }

  /** {@code git+URL@SHA}: the exact source, as a PEP 508 URL. */
  public String source() {
    return "git+" + url + "@" + commit;
  }

  GitArchive withVersion(Path newFile, String newVersion) {
    Optional<String> withGit =
        versionWithGit.or(() -> Optional.of(version)).filter(v -> !v.equals(newVersion));
    return new GitArchive(newFile, project, newVersion, url, commit, requested, withGit);
  }
}
