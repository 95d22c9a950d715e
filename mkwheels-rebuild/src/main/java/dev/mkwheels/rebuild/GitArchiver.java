package dev.mkwheels.rebuild;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.api.MkwheelsException;
import dev.mkwheels.pip.GitSourceZip;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a git dependency's archive again from the commit the lock records, as the vendoring wrote
 * it: no index has such an archive, so this is how {@code rebuild} gets its bytes when {@code
 * --find-links} does not hold it.
 */
@FunctionalInterface
public interface GitArchiver {

  /**
   * Writes {@code commit} of the repository at {@code url} as {@code target}, members under {@code
   * name/}, at {@code epoch}.
   *
   * @param name the archive's file name before {@code -<version>.zip}
   * @param version the version its file name gives
   * @param workDirectory an empty private directory, deleted by the caller
   * @throws MkwheelsException when it cannot be written (no git, the clone fails, no such commit):
   *     one line, which the caller prefixes with the dependency and its URL
   */
  void write(
      String url,
      String commit,
      String name,
      String version,
      long epoch,
      Path target,
      Path workDirectory)
      throws MkwheelsException;

  /**
   * The real git, cloning with the user's environment minus its credentials (mkwheels-pip's
   * ChildEnvironment), and mkwheels-pip's GitZip, the writer the vendoring used.
   */
  static GitArchiver git(Map<String, String> environment) {
    GitSourceZip zip = new GitSourceZip(requireNonNull(environment, "environment is null"));
    return zip::write;
  }
}
