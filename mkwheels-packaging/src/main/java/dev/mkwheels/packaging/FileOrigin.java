package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a vendored file came from, when known; pylock.toml records it (PEP 751's optional {@code
 * index} and {@code upload-time}, and for an archive mkwheels wrote from a git commit, that commit
 * in {@code [packages.tool.mkwheels.vcs]}).
 *
 * @param index the PEP 503 simple index URL the file was listed on, or {@code null} when unknown;
 *     any user name or password in it is dropped before it is written
 * @param uploadTime when the index says the file was uploaded, or {@code null} when unknown
 * @param git the git commit the file was written from (a git dependency's archive), or {@code null}
 *     when it is not one
 */
public record FileOrigin(String index, Instant uploadTime, Git git) {
  /** Neither known. */
  public static final FileOrigin UNKNOWN = new FileOrigin(null, null);

  /**
   * A git dependency's origin: the repository it was cloned from and the commit its archive was
   * written from.
   *
   * @param url the repository URL as git was given it; any user name or password in it is dropped
   *     before it is written
   * @param commit the full commit id, lower-case hex
   */
  public record Git(String url, String commit) {
    public Git {
      requireNonNull(url, "url is null");
      requireNonNull(commit, "commit is null");
      if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a full commit id: " + commit);
      }
    }

    /** The URL, credentials removed. */
    public String redactedUrl() {
      return redact(url);
    }
  }

  /** A file listed on {@code index} (or not, {@code null}), uploaded at {@code uploadTime}. */
  public FileOrigin(String index, Instant uploadTime) {
    this(index, uploadTime, null);
  }

  /** An archive mkwheels wrote from {@code commit} of the repository at {@code url}. */
  public static FileOrigin git(String url, String commit) {
    return new FileOrigin(null, null, new Git(url, commit));
  }

  /** The git origin, when the file is a git dependency's archive. */
  public Optional<Git> gitOrigin() {
    return Optional.ofNullable(git);
  }

  /** The index URL, credentials removed. */
  public Optional<String> redactedIndex() {
    return Optional.ofNullable(index).map(FileOrigin::redact);
  }

  /** {@code https://user:secret@host/simple/} becomes {@code https://host/simple/}. */
  static String redact(String url) {
    requireNonNull(url, "url is null");
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int authorityStart = scheme + 3;
    int authorityEnd = url.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = url.indexOf(stop, authorityStart);
      if (at >= 0) {
        authorityEnd = Math.min(authorityEnd, at);
      }
    }
    int userInfo = url.lastIndexOf('@', authorityEnd - 1);
    if (userInfo < authorityStart) {
      return url;
    }
    return url.substring(0, authorityStart) + url.substring(userInfo + 1);
  }
}
