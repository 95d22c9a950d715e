package dev.mkwheels.ci;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Building request URIs under a base URL that may have a path and a trailing slash. */
final class Endpoints {
  private Endpoints() {}

  /** {@code base} plus {@code /} plus the already-encoded {@code path}. */
  static URI under(URI base, String path) {
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + "/" + path);
  }

  /** One path segment, percent-encoded (a local version's {@code +} too). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
