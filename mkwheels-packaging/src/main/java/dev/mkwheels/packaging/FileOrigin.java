package dev.mkwheels.packaging;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a vendored file came from, when the index said so; pylock.toml records it (PEP 751's
 * optional {@code index} and {@code upload-time}).
 *
 * @param index the PEP 503 simple index URL the file was listed on, or {@code null} when unknown;
 *     any user name or password in it is dropped before it is written
 * @param uploadTime when the index says the file was uploaded, or {@code null} when unknown
 */
public record FileOrigin(String index, Instant uploadTime) {
  /** Neither known. */
  public static final FileOrigin UNKNOWN = new FileOrigin(null, null);

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
