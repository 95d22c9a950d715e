package dev.mkwheels.host;

import java.net.URI;

/** URLs as messages may show them. */
final class Urls {
  private Urls() {}

  /**
   * {@code uri} without its user info, query and fragment, which may carry credentials: {@code
   * https://u:t@host/a?token=x} is shown as {@code https://host/a}. The same as mkwheels-python's
   * {@code Redaction.describe} for the http(s) URLs a provider hands the host.
   */
  static String describe(URI uri) {
    if (uri.getScheme() == null || uri.isOpaque()) {
      return "(a URL that is not shown)";
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + authority + path;
  }
}
