package dev.mkwheels.pip;

import java.util.Objects;
import java.util.Optional;

/**
 * A git dependency another resolver pinned to a commit ({@code name @ git+URL[@REF]}): mkwheels
 * clones it with real git and writes the commit's tree as the archive the pip path writes from
 * pip's clone ({@link TreeVendor#vendorGitDependencies}), under the same name and version.
 *
 * @param name the requirement's name as the tree wrote it, which pip names the archive and its top
 *     directory after
 * @param version the version its metadata gave, built from the clone with its {@code .git}
 * @param url where it is cloned from, as pip gives it to git ({@code git+} and {@code @REF} gone),
 *     credentials removed
 * @param commit the full SHA the requirement resolved to
 * @param requested the revision the requirement asked for ({@code @v1.2}), {@code the default
 *     branch} when it named none
 */
public record GitPin(
    String name, String version, String url, String commit, Optional<String> requested) {

  public GitPin {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(url, "url is null");
    Objects.requireNonNull(commit, "commit is null");
    Objects.requireNonNull(requested, "requested is null");
  }

  /** The archive's file name: {@code name-version.zip}, as pip names its clone's zip. */
  public String fileName() {
    return name + "-" + version + ".zip";
  }
}
