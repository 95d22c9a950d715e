package dev.mkwheels.source.github;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encoding for URL paths built from user input (owner, repository, tag), and URLs as
 * messages show them.
 */
final class UrlPaths {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  private UrlPaths() {}

  /** Encodes everything but RFC 3986's unreserved characters, '/' included. */
  static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Encodes each '/'-separated part of a ref, keeping the slashes: {@code release/1.0}. */
  static String encodeRef(String ref) {
    List<String> parts = new ArrayList<>();
    for (String part : ref.split("/", -1)) {
      parts.add(encode(part));
    }
    return String.join("/", parts);
  }

  /**
   * {@code uri} as a message shows it: scheme, host, port and path, without user info, query or
   * fragment (the API URL is checked to have none; this keeps it so).
   */
  static String describe(URI uri) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + authority + path;
  }
}
